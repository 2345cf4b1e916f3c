"""Role predicates shared by every app, and the core permissions."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.imports import may_import
from maillage.core.models import ImportJob, PlatformInvitation, User
from maillage.core.permissions import add_perm
from maillage.core.roles import RANK, Role
from maillage.core.selectors import has_verified_email


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


def _below_staff(role: str) -> bool:
    return role in Role.values and RANK[Role(role)] < RANK[Role.STAFF]


def _account_below_staff(user: Viewer, account: User | None) -> bool:
    """The account is not coordination staff nor an administrator: staff may change its access."""
    return isinstance(account, User) and _below_staff(account.role)


def _role_below_staff(user: Viewer, role: str | None) -> bool:
    return isinstance(role, str) and _below_staff(role)


def _is_invited(user: Viewer, invitation: PlatformInvitation | None) -> bool:
    """The account has confirmed the address the invitation was sent to: holding the link
    proves nothing about the mailbox."""
    return isinstance(invitation, PlatformInvitation) and has_verified_email(user, invitation.email)


account_below_staff = rules.predicate(_account_below_staff, name="account_below_staff")
role_below_staff = rules.predicate(_role_below_staff, name="role_below_staff")
is_invited = rules.predicate(_is_invited, name="is_invited_to_the_platform")
is_import_uploader = rules.predicate(_is_import_uploader, name="is_import_uploader")
may_import_its_kind = rules.predicate(_may_import_its_kind, name="may_import_its_kind")


add_perm("core.view_public", rules.always_allow, _("This page is public."))
add_perm(
    "core.view_notifications",
    is_authenticated,
    _("Log in to read your notifications."),
)
add_perm(
    "core.change_notification_preferences",
    is_authenticated,
    _("Log in to choose how you receive your notifications."),
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
    "core.manage_accounts",
    is_staff,
    _("Only coordination staff and administrators manage the accounts of the platform."),
)
# On an account: staff change the access of accounts below theirs; an administrator's or a staff
# member's only an administrator changes. Without an account (opening one): administrators.
add_perm(
    "core.change_role",
    is_admin | (is_staff & account_below_staff),
    _(
        "Only coordination staff and administrators change an account's access, and only "
        "administrators that of coordination staff and administrators."
    ),
)
# On a role: the one given.
add_perm(
    "core.grant_role",
    is_admin | (is_staff & role_below_staff),
    _("Only administrators make someone coordination staff or administrator."),
)
add_perm(
    "core.invite_to_platform",
    is_staff,
    _("Only coordination staff and administrators invite people to the platform."),
)
add_perm(
    "core.accept_platform_invitation",
    is_invited,
    _(
        "This invitation was sent to another e-mail address than the ones confirmed on your "
        "account: only the invited person may accept it."
    ),
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
