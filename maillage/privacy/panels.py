"""The privacy app's parts of My space: the policy to accept again, the consents."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.models import User
from maillage.core.my_space import kept
from maillage.core.panels import Panel
from maillage.privacy.selectors.policy import POLICY_CACHE, awaits_acceptance


def policy_awaiting(account: User, request: HttpRequest) -> Panel | None:
    """ "What awaits me": a version of the policy the account has not accepted."""
    if not kept(account, POLICY_CACHE, "policy_awaiting", lambda: awaits_acceptance(account)):
        return None
    return {"template": "privacy/_my_policy.html", "context": {}}


# My space: the consents section, after the notifications.
CONSENTS_ORDER = 700


def consents_section(account: User, request: HttpRequest) -> Panel:
    """ "My consents": each purpose with the account's answer, and the way to change them."""
    from maillage.privacy.selectors.consents import consents_of

    return {"template": "privacy/_my_consents.html", "context": {"states": consents_of(account)}}
