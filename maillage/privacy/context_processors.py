"""What every page may show of the privacy app without naming it: `privacy_notice`, the title
and contact of the person in charge, the address of the privacy policy and the number of the
version in force (which the sign-up page says a new account accepts), which core's
`core/_privacy_notice.html` writes beside the forms that collect personal information."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def _notice() -> dict[str, Any]:
    from maillage.privacy.selectors.officer import published_contact
    from maillage.privacy.selectors.policy import policy_number_in_force

    return {
        **published_contact(),
        "policy_url": reverse("privacy:policy"),
        "policy_number": policy_number_in_force(),
    }


def privacy_notice(request: HttpRequest) -> dict[str, Any]:
    # Read only by the pages that include the notice (a kept fragment, not a query).
    return {"privacy_notice": SimpleLazyObject(_notice)}
