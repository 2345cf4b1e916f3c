"""Invitations read through their link: the database keeps only the hash of a link's token."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.governance.models import Invitation
from maillage.network.models import Person


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation:
    """The pending invitation of `token`, or a ValidationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("workstream")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation was withdrawn. Ask the person who invited you for a new one."),
            code="revoked",
        )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation expired on %(date)s. Ask the person who invited you for a new one.")
            % {"date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")},
            code="expired",
        )
    if invitation.workstream.is_archived or not invitation.workstream.is_running:
        raise ValidationError(_("This workstream no longer takes new members."), code="closed")
    return invitation


def inviter_name(user: User | None) -> str:
    """A name only: the link may be forwarded, and the inviter's address is theirs to share."""
    if user is None:
        return ""
    person = Person.objects.filter(user=user).first()
    return user.get_full_name() or (str(person) if person is not None else "")
