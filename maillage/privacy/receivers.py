"""A new account accepts the policy in force when it signs up (the sign-up page links to it)."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from maillage.core.models import User
from maillage.privacy.selectors.policy import current_policy
from maillage.privacy.services.policy import policy_accept


@receiver(user_signed_up, dispatch_uid="privacy.accept_policy_at_signup")
def accept_policy_at_signup(sender: Any, user: User, **kwargs: Any) -> None:
    version = current_policy()
    if version is not None:
        policy_accept(actor=user, version=version)
