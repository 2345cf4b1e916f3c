"""What the privacy app adds to other apps' pages: in My space, the policy to accept again, the
consents and the way to "my data"; and the note
naming the privacy impact
assessments that cover the part of the platform a staff page belongs to.

Registered on core's `navigation.PAGE_NOTES` (a panel of every page, whose subject is the
request): the page's part is the app that serves it (`resolver_match.app_name`), so that no app
names the privacy app and a new assessment reaches the pages it covers without their change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maillage.core.models import User
from maillage.core.my_space import kept
from maillage.core.panels import Panel
from maillage.core.rules import is_admin
from maillage.privacy.selectors.assessments import assessments_covering
from maillage.privacy.selectors.policy import POLICY_CACHE, awaits_acceptance


def assessments_note(subject: HttpRequest, request: HttpRequest) -> dict[str, Any] | None:
    match = getattr(request, "resolver_match", None)
    part = (match.app_name or "").split(":")[0] if match is not None else ""
    if part in ("", "privacy"):
        return None
    found = assessments_covering(viewer=request.user, part=part)
    if not found:
        return None
    # Administrators read the register; the rest of the staff see which assessments exist.
    # (The person in charge reaches them from the privacy area: telling them costs a query.)
    context = {"assessments": found, "can_read": is_admin(request.user)}
    return {"template": "privacy/_assessments_note.html", "context": context}


def policy_awaiting(account: User, request: HttpRequest) -> Panel | None:
    """ "What awaits me": a version of the policy the account has not accepted."""
    if not kept(account, POLICY_CACHE, "policy_awaiting", lambda: awaits_acceptance(account)):
        return None
    return {"template": "privacy/_my_policy.html", "context": {}}


# After the notifications (600): seldom needed, always within reach.
PRIVACY_ORDER = 700


def privacy_section(account: User, request: HttpRequest) -> Panel:
    """ "My personal information": the consents in force, the way to change them, and the way to
    "my data" (see it, download it, correct it, ask for its deletion)."""
    from maillage.privacy.selectors.consents import consents_of

    return {"template": "privacy/_my_privacy.html", "context": {"states": consents_of(account)}}
