from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from maillage.core.models import User
from maillage.core.roles import Role


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """A public sign-up creates a citizen account; other roles are given by administrators."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> Any:
        user.role = Role.CITIZEN
        return super().save_user(request, user, form, commit)
