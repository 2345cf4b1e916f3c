"""The privacy app's parts of My space: the policy to accept again."""

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

