"""Writes of the core: roles, notifications."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import Notification, User
from maillage.core.permissions import require
from maillage.core.roles import Role
from maillage.core.signals import role_changed
from maillage.core.tasks import send_notification_email
from maillage.core.verbs import CoreVerb
from maillage.core.versions import lock


@transaction.atomic
def user_set_role(*, actor: Actor, user: User, role: str) -> User:
    """Give `user` a role. Only administrators may do it; nobody demotes the last administrator."""
    require(actor, "core.change_role")
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    # The administrators' rows stay locked until the end, always first and in one order: two
    # demotions at once see each other and wait for each other instead of deadlocking.
    admins = User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
    others = [pk for pk in admins.order_by("pk").values_list("pk", flat=True) if pk != user.pk]
    lock(user)
    if user.role == Role.ADMIN and role != Role.ADMIN and not others:
        raise ValidationError({"role": _("The last administrator cannot be demoted.")})
    previous = user.role
    user.role = role
    # Django's admin site is for administrators only.
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    audit.record(
        actor=actor,
        verb=CoreVerb.USER_ROLE_CHANGED,
        target=user,
        payload={"from": previous, "to": role},
    )
    role_changed.send(sender=User, user=user, previous=previous, role=role)
    return user


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
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
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


@transaction.atomic
def notify(
    *, recipient: User, subject: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Create an in-app notification and, once the transaction commits, e-mail it."""
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:200], body=body, url=url
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
