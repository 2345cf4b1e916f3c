"""Consents are the account's own: each signed-in account answers for itself, no one else."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm


def _is_the_account(user: Viewer, account: User | None) -> bool:
    return isinstance(user, User) and account is not None and user.pk == account.pk


is_the_account = rules.predicate(_is_the_account, name="is_the_account")


add_perm(
    "privacy.view_consents",
    rules.is_authenticated,
    _("Log in to see and change your consents."),
)
add_perm(
    "privacy.change_consent",
    rules.is_authenticated & is_the_account,
    _("Only the person concerned gives or withdraws their consent."),
)
