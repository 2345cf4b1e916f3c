"""Invitations to the platform: a link by e-mail that gives the invited person's account a role
(a partner's delegate given a seat becomes a partner member)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import INVITABLE_ROLES, PlatformInvitation, User
from maillage.core.permissions import require
from maillage.core.roles import Role
from maillage.core.selectors import (
    INVITATION_TOKEN_NAMESPACE,
    invitation_refusal,
    platform_invitation_by_token,
    platform_invitation_url,
)
from maillage.core.services.accounts import apply_role
from maillage.core.signals import platform_invitation_accepted
from maillage.core.tasks import send_platform_invitation_email
from maillage.core.tokens import hash_token, new_salt, token_again, token_from_salt
from maillage.core.verbs import CoreVerb
from maillage.core.versions import lock

DEFAULT_INVITATION_DAYS = 14


@dataclass(frozen=True)
class PlatformInvitationSent:
    invitation: PlatformInvitation
    # The raw token exists only here: the database keeps its hash.
    token: str
    accept_url: str


def _days() -> int:
    return int(getattr(settings, "MAILLAGE_INVITATION_DAYS", DEFAULT_INVITATION_DAYS))


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _send(invitation: PlatformInvitation, base_url: str) -> None:
    # The task receives no token: it makes it again from the invitation's salt.
    transaction.on_commit(lambda: send_platform_invitation_email.enqueue(invitation.pk, base_url))


@transaction.atomic
def platform_invitation_create(
    *,
    actor: Actor,
    email: str,
    role: str = Role.MEMBER,
    subject: models.Model | None = None,
    base_url: str = "",
) -> PlatformInvitationSent:
    """Invite `email` to the platform with `role` (guest or partner member): an e-mail carries
    a link to sign up or log in, then accept. `subject` is the record the account is tied to
    once accepted (the person given a seat). A pending invitation to the same address is
    replaced. Refused when the address's account already has that access or is deactivated.
    `base_url` (the site's address, e.g. from the request) makes the link absolute;
    MAILLAGE_BASE_URL does otherwise."""
    require(actor, "core.invite_to_platform")
    require(actor, "core.grant_role", role)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if role not in INVITABLE_ROLES:
        raise ValidationError({"role": _("An invitation grants the guest or member role only.")})
    refusal = invitation_refusal(email, role=role)
    if refusal:
        raise ValidationError({"email": refusal})
    now = timezone.now()
    pending = PlatformInvitation.objects.select_for_update().filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    replaced = list(pending.values_list("pk", flat=True))
    pending.update(revoked_at=now, revoked_by=_user(actor), updated_at=now)
    invitation = PlatformInvitation(
        email=email,
        role=role,
        token_salt=new_salt(),
        expires_at=now + timedelta(days=_days()),
        invited_by=_user(actor),
        sent_at=now,
    )
    token = token_from_salt(INVITATION_TOKEN_NAMESPACE, invitation.token_salt)
    invitation.token_hash = hash_token(token)
    if subject is not None:
        invitation.subject = subject
        invitation.subject_repr = str(subject)[:255]
    invitation.full_clean(exclude=["token_hash", "token_salt"])
    invitation.save()
    audit.record(
        actor=actor,
        verb=CoreVerb.PLATFORM_INVITATION_SENT,
        target=invitation,
        payload={"role": role, "replaces": replaced},
    )
    _send(invitation, base_url)
    return PlatformInvitationSent(
        invitation=invitation, token=token, accept_url=platform_invitation_url(token, base_url)
    )


def _still_open(invitation: PlatformInvitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has already been withdrawn."))


@transaction.atomic
def platform_invitation_resend(
    *, actor: Actor, invitation: PlatformInvitation, base_url: str = ""
) -> PlatformInvitation:
    """Send a pending or expired invitation again, valid for another MAILLAGE_INVITATION_DAYS
    days; the link stays the same (a new one only if the secret key has changed since)."""
    require(actor, "core.invite_to_platform")
    lock(invitation)  # an acceptance under way finishes first
    _still_open(invitation)
    refusal = invitation_refusal(invitation.email, role=invitation.role)
    if refusal:
        raise ValidationError(refusal)
    now = timezone.now()
    fields = ["expires_at", "sent_at", "updated_at"]
    if (
        token_again(INVITATION_TOKEN_NAMESPACE, invitation.token_salt, invitation.token_hash)
        is None
    ):
        invitation.token_salt = new_salt()
        token = token_from_salt(INVITATION_TOKEN_NAMESPACE, invitation.token_salt)
        invitation.token_hash = hash_token(token)
        fields += ["token_salt", "token_hash"]
    invitation.expires_at = now + timedelta(days=_days())
    invitation.sent_at = now
    invitation.save(update_fields=fields)
    audit.record(
        actor=actor,
        verb=CoreVerb.PLATFORM_INVITATION_RESENT,
        target=invitation,
        payload={"expires_at": invitation.expires_at.isoformat()},
    )
    _send(invitation, base_url)
    return invitation


@transaction.atomic
def platform_invitation_revoke(
    *, actor: Actor, invitation: PlatformInvitation
) -> PlatformInvitation:
    """Withdraw an invitation: its link no longer works."""
    require(actor, "core.invite_to_platform")
    lock(invitation)
    _still_open(invitation)
    return audit.audited_set(
        actor=actor,
        instance=invitation,
        verb=CoreVerb.PLATFORM_INVITATION_REVOKED,
        values={"revoked_at": timezone.now(), "revoked_by": _user(actor)},
    )


@transaction.atomic
def platform_invitation_accept(*, actor: Actor, token: str) -> User:
    """Accept an invitation: the account gets the invited role (never a lower one than it has)
    and apps above the core tie it to the invitation's subject (`platform_invitation_accepted`).
    Only the invited person accepts: an account that has confirmed the invited address
    (PermissionDenied for any other, whoever holds the link). Withdrawn, used and expired
    links are refused with the reason."""
    user = _user(actor)
    if user is None:
        raise PermissionDenied(_("Log in or create an account to accept the invitation."))
    found = platform_invitation_by_token(token)
    # Locked: two clicks on the same link accept it once.
    invitation = lock(found)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    require(actor, "core.accept_platform_invitation", invitation)
    # Read again, locked: the actor may be a request's lazy user, and its role may have changed.
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.has_role_at_least(Role(invitation.role)):
        apply_role(
            actor=user,
            user=user,
            role=invitation.role,
            reason=_("Invitation to the platform accepted."),
        )
    audit.audited_set(
        actor=user,
        instance=invitation,
        verb=CoreVerb.PLATFORM_INVITATION_ACCEPTED,
        values={"accepted_at": timezone.now(), "accepted_by": user},
        payload={"role": invitation.role},
    )
    platform_invitation_accepted.send(sender=PlatformInvitation, invitation=invitation, user=user)
    return user
