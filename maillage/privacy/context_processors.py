"""What every page may show of the privacy app without naming it: `privacy_notice`, the title
and contact of the person in charge and the address of the privacy policy, which core's
`core/_privacy_notice.html` writes beside the forms that collect personal information."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def _notice() -> dict[str, Any]:
    from maillage.privacy.selectors.officer import published_contact

    return {**published_contact(), "policy_url": reverse("privacy:policy")}


def privacy_notice(request: HttpRequest) -> dict[str, Any]:
    # Read only by the pages that include the notice (a kept fragment, not a query).
    return {"privacy_notice": SimpleLazyObject(_notice)}
