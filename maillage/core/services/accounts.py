"""Accounts and their access: opening one, its role, deactivating and reactivating it."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.roles import Role
from maillage.core.signals import role_changed
from maillage.core.verbs import CoreVerb
from maillage.core.versions import lock


def _other_active_admins(user: User) -> list[int]:
    """The other active administrators, their rows locked until the transaction ends. Always
    first and in one order: two demotions (or deactivations) at once see each other and wait
    for each other instead of deadlocking."""
    admins = User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
    return [pk for pk in admins.order_by("pk").values_list("pk", flat=True) if pk != user.pk]


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})


def apply_role(*, actor: Actor, user: User, role: str, reason: str = "") -> bool:
    """Give `user` (locked by the caller) `role`, audited, without checking who asks: the
    caller did. Returns whether the role changed. Call it inside the service's transaction."""
    previous = user.role
    if previous == role:
        return False
    user.role = role
    # Django's admin site is for administrators only.
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser", "updated_at"])
    payload = {"from": previous, "to": role}
    if reason:
        payload["reason"] = reason
    audit.record(actor=actor, verb=CoreVerb.USER_ROLE_CHANGED, target=user, payload=payload)
    role_changed.send(sender=User, user=user, previous=previous, role=role)
    return True


def _require_access_change(actor: Actor, user: User, role: str) -> None:
    require(actor, "core.change_role", user)
    if role != user.role:
        require(actor, "core.grant_role", role)


@transaction.atomic
def user_set_role(
    *, actor: Actor, user: User, role: str, reason: str = "", version: str | None = None
) -> User:
    """Give `user` a role. Coordination staff give roles below theirs to accounts below theirs;
    administrators any; nobody demotes the last administrator."""
    _require_access_change(actor, user, role)
    _check_role(role)
    others = _other_active_admins(user)
    lock(user, version=version)
    _require_access_change(actor, user, role)  # as saved now
    if user.role == Role.ADMIN and role != Role.ADMIN and not others:
        raise ValidationError({"role": _("The last administrator cannot be demoted.")})
    apply_role(actor=actor, user=user, role=role, reason=reason.strip())
    return user


@transaction.atomic
def user_set_active(
    *, actor: Actor, user: User, active: bool, reason: str = "", version: str | None = None
) -> User:
    """Deactivate an account (it can no longer log in; its sessions end at their next request)
    or reactivate it. Nobody deactivates their own account nor the last administrator."""
    require(actor, "core.change_role", user)
    others = _other_active_admins(user)
    lock(user, version=version)
    require(actor, "core.change_role", user)
    _set_active(actor=actor, user=user, active=active, reason=reason.strip(), others=others)
    return user


def _set_active(*, actor: Actor, user: User, active: bool, reason: str, others: list[int]) -> bool:
    if user.is_active == active:
        return False
    if not active and getattr(actor, "pk", None) == user.pk:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    if not active and user.role == Role.ADMIN and not others:
        raise ValidationError({"is_active": _("The last administrator cannot be deactivated.")})
    user.is_active = active
    user.save(update_fields=["is_active", "updated_at"])
    verb = CoreVerb.USER_REACTIVATED if active else CoreVerb.USER_DEACTIVATED
    audit.record(actor=actor, verb=verb, target=user, payload={"reason": reason} if reason else {})
    return True


@dataclass(frozen=True)
class AccessChange:
    """What the staff's access form changed."""

    role: bool
    active: bool

    def __bool__(self) -> bool:
        return self.role or self.active


@transaction.atomic
def account_update_access(
    *,
    actor: Actor,
    user: User,
    role: str,
    active: bool,
    reason: str,
    version: str | None = None,
) -> AccessChange:
    """The staff's access form: the role and whether the account is active, with the reason
    that the history keeps. Refused when the account changed since `version`."""
    _require_access_change(actor, user, role)
    _check_role(role)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why: the history of the account keeps it.")})
    others = _other_active_admins(user)
    lock(user, version=version)
    _require_access_change(actor, user, role)
    if user.role == Role.ADMIN and role != Role.ADMIN and not others:
        raise ValidationError({"role": _("The last administrator cannot be demoted.")})
    changed_active = _set_active(
        actor=actor, user=user, active=active, reason=reason, others=others
    )
    changed_role = apply_role(actor=actor, user=user, role=role, reason=reason)
    return AccessChange(role=changed_role, active=changed_active)


@transaction.atomic
def account_create(
    *,
    actor: Actor,
    email: str,
    password: str | None,
    role: str = Role.CITIZEN,
    first_name: str = "",
    last_name: str = "",
    verified: bool = False,
) -> User:
    """Open an account outside the sign-up form (an administrator, an import, the demo).

    `verified=True` records the e-mail address as confirmed, as when staff vouch for it."""
    from allauth.account.models import EmailAddress

    require(actor, "core.change_role")
    _check_role(role)
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account already uses this e-mail address.")})
    user = User.objects.create_user(
        email,
        password,
        role=role,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    audit.record(actor=actor, verb=CoreVerb.USER_CREATED, target=user, payload={"role": role})
    return user
