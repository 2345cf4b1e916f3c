"""A new account accepts the policy in force when it signs up (the sign-up page links to it); a
copy of "my data" removed takes its file with it."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_signed_up
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from maillage.core.models import User
from maillage.privacy.models import DataCopy
from maillage.privacy.selectors.policy import current_policy
from maillage.privacy.services.policy import policy_accept


@receiver(user_signed_up, dispatch_uid="privacy.accept_policy_at_signup")
def accept_policy_at_signup(sender: Any, user: User, **kwargs: Any) -> None:
    version = current_policy()
    if version is not None:
        policy_accept(actor=user, version=version)


@receiver(post_delete, sender=DataCopy, dispatch_uid="privacy.remove_copy_file")
def remove_copy_file(sender: Any, instance: DataCopy, **kwargs: Any) -> None:
    # Once the deletion is committed: a rolled-back deletion keeps its file.
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
