"""Role predicates shared by every app, and the core permissions."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.imports import may_import
from maillage.core.models import ImportJob, User
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


def _is_import_uploader(user: Viewer, job: ImportJob | None) -> bool:
    return job is not None and isinstance(user, User) and job.uploaded_by_id == user.pk


def _may_import_its_kind(user: Viewer, job: ImportJob | None) -> bool:
    """Still allowed to import this kind of file (a role may have changed since the upload)."""
    return job is not None and may_import(user, job.kind)


is_import_uploader = rules.predicate(_is_import_uploader, name="is_import_uploader")
may_import_its_kind = rules.predicate(_may_import_its_kind, name="may_import_its_kind")


add_perm("core.view_public", rules.always_allow, _("This page is public."))
add_perm(
    "core.view_notifications",
    is_authenticated,
    _("Log in to read your notifications."),
)
add_perm(
    "core.view_my_space",
    is_authenticated,
    _("Log in to see your space: your seats, roles, circles and what awaits you."),
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
add_perm(
    "core.view_import",
    is_import_uploader & may_import_its_kind,
    _("Only the person who uploaded this file, while they may import, sees its report."),
)
add_perm(
    "core.confirm_import",
    is_import_uploader & may_import_its_kind,
    _("Only the person who uploaded this file, while they may import, confirms it."),
)
