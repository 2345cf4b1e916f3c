"""Invitations read through their link: the database keeps only the hash of a link's token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import tokens
from maillage.core.actors import Viewer
from maillage.core.adapters import mask_email
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.selectors import verified_emails
from maillage.governance import workflows
from maillage.governance.models import Invitation, Membership, Workstream
from maillage.governance.paths import page_url
from maillage.network.models import Person

TOKEN_KEY_SALT = "maillage.governance.invitation"  # noqa: S105 (a namespace, not a secret)


def token_from_salt(salt: str) -> str:
    """An invitation link's token: its salt signed with the secret key, so it can be made again
    when the e-mail is sent without being stored anywhere."""
    return tokens.token_from_salt(TOKEN_KEY_SALT, salt)


def invitation_token(invitation: Invitation) -> str | None:
    """The token of `invitation`'s link, made again from its salt and the secret key; None for
    an invitation without a salt or when the secret key has changed since it was made."""
    return tokens.token_again(TOKEN_KEY_SALT, invitation.token_salt, invitation.token_hash)


def invitation_accept_url(token: str, base_url: str = "") -> str:
    """The acceptance page of `token`, made absolute by `base_url` (e.g. the site's address)."""
    return base_url.rstrip("/") + page_url("invitation_accept", token=token)


def invitation_by_token(token: str) -> Invitation:
    """The pending invitation of `token`, or a ValidationError saying why it cannot be used."""
    invitation = tokens.pending(
        Invitation.objects.select_related("workstream"),
        token,
        revoked=_("This invitation was withdrawn. Ask the person who invited you for a new one."),
        expired=_(
            "This invitation expired on %(date)s. Ask the person who invited you for a new one."
        ),
    )
    if invitation.workstream.is_archived or not invitation.workstream.is_running:
        raise ValidationError(_("This workstream no longer takes new members."), code="closed")
    return invitation


@dataclass(frozen=True)
class InvitationPage:
    """What an invitation's page shows to one viewer."""

    invitation: Invitation
    inviter: str
    # The viewer's account has confirmed the invited address: they may accept.
    is_invited: bool
    # In full to the invited person only; anyone else holding the link sees it masked.
    address: str


def invitation_page(invitation: Invitation, *, viewer: Viewer) -> InvitationPage:
    is_invited = isinstance(viewer, User) and has_perm(
        viewer, "governance.accept_invitation", invitation
    )
    return InvitationPage(
        invitation=invitation,
        inviter=inviter_name(invitation.created_by),
        is_invited=is_invited,
        address=invitation.email if is_invited else mask_email(invitation.email),
    )


def inviter_name(user: User | None) -> str:
    """A name only: the link may be forwarded, and the inviter's address is theirs to share."""
    if user is None:
        return ""
    person = Person.objects.filter(user=user).first()
    return user.get_full_name() or (str(person) if person is not None else "")


@dataclass(frozen=True)
class AwaitingInvitation:
    """An invitation waiting for the person it was sent to, with the link to its page (empty
    when the link cannot be made again: the secret key has changed since)."""

    workstream: Workstream
    kind: str
    inviter: str
    expires_at: datetime
    accept_url: str


def invitations_awaiting(*, viewer: Viewer, limit: int = 10) -> list[AwaitingInvitation]:
    """The pending invitations sent to an address `viewer` has confirmed, to workstreams that
    still take members and that they are not in yet, the soonest to expire first. Being sent to a
    confirmed address is what `governance.accept_invitation` asks: nobody else sees them. Two
    queries."""
    emails = verified_emails(viewer)
    if not emails or not isinstance(viewer, User):
        return []
    already = Membership.objects.filter(
        person__user_id=viewer.pk, ended_at__isnull=True, workstream__isnull=False
    ).values("workstream_id")
    invitations = (
        Invitation.objects.filter(
            email__in=emails,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            workstream__archived_at__isnull=True,
            workstream__status__in=workflows.RUNNING_STATES,
        )
        .exclude(workstream_id__in=already)
        .select_related("workstream", "created_by__person")
        .order_by("expires_at", "pk")[:limit]
    )
    awaiting = []
    for invitation in invitations:
        inviter = invitation.created_by
        person = getattr(inviter, "person", None) if inviter is not None else None
        token = invitation_token(invitation)
        awaiting.append(
            AwaitingInvitation(
                workstream=invitation.workstream,
                kind=invitation.get_kind_display(),
                # A name only, as on the invitation's page.
                inviter=(inviter.get_full_name() if inviter else "") or str(person or ""),
                expires_at=invitation.expires_at,
                accept_url=invitation_accept_url(token) if token else "",
            )
        )
    return awaiting


def invitation_email(invitation: Invitation, url: str) -> tuple[str, str]:
    """The subject and text of the e-mail that carries an invitation's link, in the platform's
    default language (the invited person has no account, hence no language, yet)."""
    with translation.override(settings.LANGUAGE_CODE):
        collective = getattr(settings, "MAILLAGE_COLLECTIVE_SHORT_NAME", "Maillage")
        subject = _("Invitation to the workstream “%(name)s”") % {
            "name": invitation.workstream.name
        }
        # A name only: the inviter's address is theirs to share.
        sender = inviter_name(invitation.created_by) or collective
        lines = [
            _("%(sender)s invites you to take part in the workstream “%(name)s” of %(collective)s.")
            % {"sender": sender, "name": invitation.workstream.name, "collective": collective},
        ]
        if invitation.message:
            lines += ["", invitation.message]
        lines += [
            "",
            _(
                "To accept, follow this link, then log in or create an account with the "
                "address this e-mail was sent to:"
            ),
            url,
            "",
            _("This invitation expires on %(date)s.") % {"date": long_date(invitation.expires_at)},
        ]
        return subject, "\n".join(lines)
