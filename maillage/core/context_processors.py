from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from maillage.core.lookups import once_per_request
from maillage.core.navigation import Navigation
from maillage.core.selectors import unread_count


def language_urls(request: HttpRequest) -> list[tuple[str, str, str]]:
    """The current page in each language: `(code, name, url)`.

    A view whose URL cannot be translated by the URL resolver alone (a page of the public site,
    whose slug differs in each language) sets `request.alternate_urls` (language code → URL)
    before its template is rendered; a language it leaves out gets `translate_url`'s answer.
    """
    path = request.get_full_path()
    alternates: dict[str, str] = getattr(request, "alternate_urls", None) or {}
    return [
        (code, name, alternates.get(code) or translate_url(path, code))
        for code, name in settings.LANGUAGES
    ]


def unread_for(request: HttpRequest) -> int:
    """How many notifications the person logged in has not read, counted once per request: a page
    made of panels renders each apart, and each rendering runs the context processors again."""
    if not hasattr(request, "user"):
        return 0
    return once_per_request(request, ("core.unread_count",), lambda: unread_count(request.user))


def _lazy_unread(request: HttpRequest) -> Callable[[], int]:
    # Templates call it when they show it (the header), not when they render without it.
    return lambda: unread_for(request)


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "collective_name": settings.MAILLAGE_COLLECTIVE_NAME,
        "collective_short_name": settings.MAILLAGE_COLLECTIVE_SHORT_NAME,
        "demo_instance": settings.MAILLAGE_DEMO,
        "staff_mfa_waived": not settings.MAILLAGE_STAFF_MFA_REQUIRED,
        "language_urls": language_urls(request),
        "unread_notifications": _lazy_unread(request),
        "navigation": Navigation(request),
    }
