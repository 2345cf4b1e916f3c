"""Role predicates shared by every app, and the core permissions."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.roles import Role


def _at_least(role: Role) -> Any:
    def test(user: Viewer) -> bool:
        return isinstance(user, User) and user.has_role_at_least(role)

    return rules.predicate(test, name=f"is_{role.value}_or_more")


is_authenticated = rules.is_authenticated
is_citizen = _at_least(Role.CITIZEN)
is_guest = _at_least(Role.GUEST)
is_member = _at_least(Role.MEMBER)
is_staff = _at_least(Role.STAFF)
is_admin = _at_least(Role.ADMIN)

add_perm("core.view_public", rules.always_allow, _("This page is public."))
add_perm(
    "core.view_notifications",
    is_authenticated,
    _("Log in to read your notifications."),
)
add_perm(
    "core.view_audit",
    is_staff,
    _("Only coordination staff may read the full history of changes."),
)
add_perm(
    "core.change_role",
    is_admin,
    _("Only administrators may change someone's role."),
)
