from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from maillage.core.selectors import unread_count


def platform(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    return {
        "collective_name": settings.MAILLAGE_COLLECTIVE_NAME,
        "collective_short_name": settings.MAILLAGE_COLLECTIVE_SHORT_NAME,
        "demo_instance": settings.MAILLAGE_DEMO,
        "staff_mfa_waived": not settings.MAILLAGE_STAFF_MFA_REQUIRED,
        "language_urls": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
        "unread_notifications": unread_count(request.user) if hasattr(request, "user") else 0,
    }
