"""Invitations into workstreams, sent by e-mail and accepted through a link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.tokens import hash_token
from maillage.core.versions import lock
from maillage.governance.models import (
    Invitation,
    InvitationKind,
    Membership,
    MembershipSource,
    Workstream,
)
from maillage.governance.selectors.invitations import (
    invitation_accept_url,
    invitation_by_token,
    token_from_salt,
)
from maillage.governance.services._common import (
    _now,
    _require,
    _today,
    _user,
    _workstream_event,
)
from maillage.governance.services.memberships import _member_payload
from maillage.governance.tasks import send_invitation_email
from maillage.governance.verbs import GovernanceVerb
from maillage.network import services as network_services
from maillage.network.models import Person

DEFAULT_INVITATION_DAYS = 14


@dataclass
class InvitationSent:
    invitation: Invitation
    # The raw token exists only here: the database keeps its hash.
    token: str
    accept_url: str


def _invitation_days() -> int:
    return int(getattr(settings, "MAILLAGE_INVITATION_DAYS", DEFAULT_INVITATION_DAYS))


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    workstream: Workstream,
    email: str,
    kind: str = InvitationKind.EXTERNAL,
    message: str = "",
    expires_in_days: int | None = None,
    base_url: str = "",
) -> InvitationSent:
    """Invite someone by e-mail into a workstream, as an external actor or a guest.

    The e-mail carries the acceptance link (`base_url`, e.g. "https://maillage.example.org",
    makes it absolute; the page passes `request.build_absolute_uri("/")`). The invitation
    expires after `expires_in_days` days (settings.MAILLAGE_INVITATION_DAYS, 14 by default).
    A pending invitation to the same address for the same workstream is replaced.
    """
    _require(actor, "governance.invite", workstream)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if kind not in InvitationKind.values:
        raise ValidationError({"kind": _("Unknown kind of invitation.")})
    if workstream.is_archived or not workstream.is_running:
        raise ValidationError(_("This workstream no longer takes new members."))
    if Membership.objects.filter(
        workstream=workstream,
        ended_at__isnull=True,
        person__in=Person.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email)),
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the workstream.")})
    days = expires_in_days if expires_in_days is not None else _invitation_days()
    if days < 1:
        raise ValidationError({"expires_in_days": _("An invitation lasts at least one day.")})
    replaced = list(
        workstream.invitations.filter(
            email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).values_list("pk", flat=True)
    )
    Invitation.objects.filter(pk__in=replaced).update(revoked_at=_now())
    invitation = Invitation(
        workstream=workstream,
        email=email,
        kind=kind,
        message=message.strip(),
        token_salt=secrets.token_urlsafe(24),
        expires_at=_now() + timedelta(days=days),
        created_by=_user(actor),
    )
    token = token_from_salt(invitation.token_salt)
    invitation.token_hash = hash_token(token)
    invitation.save()
    accept_url = invitation_accept_url(token, base_url)
    _workstream_event(
        actor, GovernanceVerb.WORKSTREAM_INVITATION_SENT, invitation, kind=kind, replaces=replaced
    )
    # The task receives no token: it makes it again from the invitation's salt.
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk, base_url))
    return InvitationSent(invitation=invitation, token=token, accept_url=accept_url)


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    _require(actor, "governance.invite", invitation.workstream)
    lock(invitation)  # an acceptance under way finishes first
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has already been revoked."))
    invitation.revoked_at = _now()
    invitation.save(update_fields=["revoked_at"])
    _workstream_event(actor, GovernanceVerb.WORKSTREAM_INVITATION_REVOKED, invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, actor: Actor, token: str) -> Membership:
    """Accept an invitation: link (or create) the Person of `actor`'s account and make them a
    member of the workstream. Only the invited person accepts: an account that has confirmed
    the invited address (PermissionDenied for any other, whoever holds the link). Expired,
    revoked and used links are refused with the reason."""
    user = _user(actor)
    if user is None:
        raise PermissionDenied(_("Log in or create an account to accept the invitation."))
    invitation = invitation_by_token(token)
    # Lock the row: two clicks on the same link make one membership.
    invitation = (
        Invitation.objects.select_for_update().select_related("workstream").get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    _require(actor, "governance.accept_invitation", invitation)
    person = network_services.person_for_account(actor=actor, user=user)
    workstream = invitation.workstream
    membership = Membership.objects.filter(
        person=person,
        workstream=workstream,
        source=MembershipSource.DIRECT,
        ended_at__isnull=True,
    ).first()
    if membership is None:
        membership = Membership.objects.create(
            person=person,
            workstream=workstream,
            kind=invitation.kind,
            start_date=_today(),
        )
        audit.record(
            actor=actor,
            verb=GovernanceVerb.WORKSTREAM_MEMBER_ADDED,
            target=workstream,
            payload=_member_payload(membership, kind=invitation.kind),
        )
    invitation.accepted_at = _now()
    invitation.accepted_by = user
    invitation.membership = membership
    invitation.save(update_fields=["accepted_at", "accepted_by", "membership"])
    _workstream_event(
        actor, GovernanceVerb.WORKSTREAM_INVITATION_ACCEPTED, invitation, person=str(person)
    )
    return membership
