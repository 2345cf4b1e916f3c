"""Every read of the core, already narrowed to what the viewer may see."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import accounts, cache
from maillage.core.actors import Viewer
from maillage.core.dates import long_date
from maillage.core.models import (
    AuditEvent,
    ImportJob,
    Notification,
    NotificationPreference,
    PlatformInvitation,
    User,
)
from maillage.core.permissions import has_perm
from maillage.core.roles import RANK, Role
from maillage.core.tokens import pending, token_again


def history_for(
    target: models.Model, *, viewer: Viewer | None, limit: int = 50
) -> QuerySet[AuditEvent]:
    """The audit events about one object, newest first, with their actors; nothing for a viewer
    who may not read the history."""
    if viewer is None or not has_perm(viewer, "core.view_audit", target):
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def notifications_for(user: Viewer) -> QuerySet[Notification]:
    if not isinstance(user, User):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def language_of(account: User) -> str:
    """The language an account's notifications and e-mails are written in: its choice, else the
    platform's (read from `notification_preference`, which callers select with the account)."""
    preference = getattr(account, "notification_preference", None)
    return preference.language if preference else settings.LANGUAGE_CODE


# The unread count every signed-in page shows in its header, kept per account: a version for all
# accounts (bumped by writes that send no signal, `cache.changed(Notification)`, and migrations)
# and one per account (bumped by each save or deletion of one of its notifications).
UNREAD_CACHE = "core.unread"


def _unread_namespace(account_id: object) -> str:
    return f"{UNREAD_CACHE}:{account_id}"


def bump_unread(sender: object, instance: Notification, **kwargs: object) -> None:
    """A notification was written or removed: its recipient's count is counted again."""
    cache.bump(_unread_namespace(instance.recipient_id))


def unread_count(user: Viewer) -> int:
    if not isinstance(user, User):
        return 0
    return cache.fragment(
        (UNREAD_CACHE, _unread_namespace(user.pk)),
        visibility=f"account:{user.pk}",
        render=lambda: notifications_for(user).filter(read_at__isnull=True).count(),
    )


def latest_unread(user: Viewer, *, limit: int) -> list[Notification]:
    """`user`'s newest unread notifications, at most `limit` (one query)."""
    return list(notifications_for(user).filter(read_at__isnull=True)[:limit])


def import_jobs(viewer: Viewer, *, kinds: Collection[str]) -> QuerySet[ImportJob]:
    """The imports of these kinds that `viewer` uploaded, newest first, without their content."""
    if not isinstance(viewer, User):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(uploaded_by=viewer, kind__in=kinds).defer("text")


def verified_emails(user: Viewer) -> list[str]:
    """Every address `user`'s account has confirmed, lowercased (one query)."""
    from allauth.account.models import EmailAddress

    if not isinstance(user, User) or not user.is_active:
        return []
    # Kept on the account for the rest of the request: My space asks for every kind of
    # invitation sent to these addresses.
    known: list[str] | None = user.__dict__.get("_verified_emails")
    if known is None:
        addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
        known = user.__dict__["_verified_emails"] = sorted({a.lower() for a in addresses})
    return list(known)


def has_verified_email(user: Viewer, email: str) -> bool:
    """`user`'s account has confirmed `email` (any of its addresses, not only the primary one)."""
    from allauth.account.models import EmailAddress

    if not isinstance(user, User) or not user.is_active or not email:
        return False
    return bool(EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists())


# Accounts, for the staff's pages (personal information: nothing for anyone else)


@dataclass(frozen=True)
class AccountFilters:
    q: str = ""
    role: str = ""
    # "active", "inactive", or "" for both.
    state: str = ""


def account_directory(*, viewer: Viewer, filters: AccountFilters | None = None) -> QuerySet[User]:
    """Accounts with what the list shows, and each column that an app registered
    (`core.accounts`) computed by the database; none for a viewer who may not manage them."""
    if not has_perm(viewer, "core.manage_accounts"):
        return User.objects.none()
    filters = filters or AccountFilters()
    queryset = User.objects.all()
    if filters.q:
        words = filters.q.split()
        for word in words[:5]:
            queryset = queryset.filter(
                Q(email__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
            )
    if filters.role:
        queryset = queryset.filter(role=filters.role)
    if filters.state:
        queryset = queryset.filter(is_active=filters.state == "active")
    annotations = {column.attribute: column.annotation() for column in accounts.columns()}
    return (
        queryset.annotate(**annotations)
        .only("pk", "email", "first_name", "last_name", "role", "is_active", "last_login")
        .order_by("last_name", "first_name", "email", "pk")
    )


def account_records(*, viewer: Viewer) -> QuerySet[User]:
    """Accounts as an account page shows them (look one up by key)."""
    if not has_perm(viewer, "core.manage_accounts"):
        return User.objects.none()
    return User.objects.all()


def account_emails(user: User) -> list[str]:
    """Every address of an account: its own and those it added (confirmed or not)."""
    from allauth.account.models import EmailAddress

    found = {user.email.lower()} if user.email else set()
    found |= {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    return sorted(found)


# Invitations to the platform

INVITATION_TOKEN_NAMESPACE = "maillage.core.platform_invitation"  # noqa: S105 (a namespace, not a secret)


def account_for_email(email: str) -> User | None:
    """The account that uses `email`, as its own address or as one it added."""
    from allauth.account.models import EmailAddress

    if not email:
        return None
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    return address.user if address is not None else None


def invitation_refusal(email: str, *, role: str, account: User | None = None) -> str:
    """Why inviting `email` to `role` would give nothing ("" when it would): its account
    (`account`, else the one using the address) already has that access, or is deactivated."""
    if not email:
        return _("No e-mail address: nobody to send the invitation to.")
    account = account or account_for_email(email)
    if account is None:
        return ""
    if not account.is_active:
        return _("The account of this address is deactivated: reactivate it instead.")
    if RANK[Role(account.role)] >= RANK[Role(role)]:
        return _("The account of this address already has the access “%(role)s” or more.") % {
            "role": Role(role).label
        }
    return ""


def platform_invitation_url(token: str, base_url: str = "") -> str:
    """The page of an invitation's link, absolute: on `base_url` (the address the inviter used),
    else on MAILLAGE_BASE_URL, since the link is read in a mailbox."""
    base = (base_url or settings.MAILLAGE_BASE_URL).rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("core:platform_invitation_accept", kwargs={"token": token})
    return base + path


def platform_invitation_token(invitation: PlatformInvitation) -> str | None:
    """The token of `invitation`'s link, made again from its salt and the secret key."""
    return token_again(INVITATION_TOKEN_NAMESPACE, invitation.token_salt, invitation.token_hash)


def platform_invitation_by_token(token: str) -> PlatformInvitation:
    """The pending invitation of `token`, or a ValidationError saying why it cannot be used."""
    return pending(
        PlatformInvitation.objects.select_related("invited_by"),
        token,
        revoked=_("This invitation was withdrawn. Ask the coordination team for a new one."),
        expired=_(
            "This invitation expired on %(date)s. Ask the coordination team to send it again."
        ),
    )


@dataclass(frozen=True)
class PlatformInvitationPage:
    """What an invitation's page shows to one viewer."""

    invitation: PlatformInvitation
    inviter: str
    # The viewer's account has confirmed the invited address: they may accept.
    is_invited: bool
    # In full to the invited person only; anyone else holding the link sees it masked.
    address: str
    # The viewer already has the invited access (or more): accepting changes no role.
    has_access: bool


def platform_invitation_page(
    invitation: PlatformInvitation, *, viewer: Viewer
) -> PlatformInvitationPage:
    from maillage.core.adapters import mask_email

    is_invited = isinstance(viewer, User) and has_perm(
        viewer, "core.accept_platform_invitation", invitation
    )
    return PlatformInvitationPage(
        invitation=invitation,
        inviter=inviter_name(invitation.invited_by),
        is_invited=is_invited,
        address=invitation.email if is_invited else mask_email(invitation.email),
        has_access=isinstance(viewer, User) and viewer.has_role_at_least(Role(invitation.role)),
    )


def inviter_name(user: User | None) -> str:
    """A name only: the link may be forwarded, and the inviter's address is theirs to share."""
    return user.get_full_name() if user is not None else ""


def platform_invitation_email(invitation: PlatformInvitation, url: str) -> tuple[str, str]:
    """The subject and text of the e-mail that carries an invitation's link, in the platform's
    default language (the invited person has no account, hence no language, yet), in the
    collective's name."""
    with translation.override(settings.LANGUAGE_CODE):
        collective = settings.MAILLAGE_COLLECTIVE_NAME
        role = Role(invitation.role).label
        # The subject's prefix names the collective (ACCOUNT_EMAIL_SUBJECT_PREFIX).
        subject = _("Invitation to the collaboration platform")
        sender = inviter_name(invitation.invited_by)
        if sender:
            opening = _(
                "%(sender)s invites you to the collaboration platform of %(collective)s, "
                "with the access “%(role)s”."
            ) % {"sender": sender, "collective": collective, "role": role}
        else:
            opening = _(
                "You are invited to the collaboration platform of %(collective)s, with the "
                "access “%(role)s”."
            ) % {"collective": collective, "role": role}
        lines = [_("Hello,"), "", opening]
        if invitation.subject_repr:
            lines += [
                "",
                _(
                    "You will find there your seats, your circles and workstreams, and the "
                    "people of the partner network."
                ),
            ]
        lines += [
            "",
            _(
                "To accept, follow this link, then create your account (or log in) with the "
                "address this e-mail was sent to:"
            ),
            url,
            "",
            _("This invitation expires on %(date)s.") % {"date": long_date(invitation.expires_at)},
            "",
            collective,
        ]
        return str(subject), "\n".join(str(line) for line in lines)


@dataclass(frozen=True)
class AwaitingPlatformInvitation:
    invitation: PlatformInvitation
    inviter: str
    # The page of its link (a path), or "" when its token cannot be made again.
    accept_path: str


def platform_invitations_awaiting(
    *, viewer: Viewer, limit: int = 5
) -> list[AwaitingPlatformInvitation]:
    """For My space: the pending invitations to the platform sent to an address `viewer` has
    confirmed (what accepting asks), the soonest to expire first. Two queries."""
    emails = verified_emails(viewer)
    if not emails:
        return []
    invitations = PlatformInvitation.objects.filter(
        email__in=emails,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")
    found = []
    for invitation in invitations.order_by("expires_at", "pk")[:limit]:
        token = platform_invitation_token(invitation)
        path = reverse("core:platform_invitation_accept", kwargs={"token": token}) if token else ""
        found.append(
            AwaitingPlatformInvitation(
                invitation=invitation,
                inviter=inviter_name(invitation.invited_by),
                accept_path=path,
            )
        )
    return found


def pending_platform_invitations(
    *, viewer: Viewer, emails: Collection[str] | None = None
) -> QuerySet[PlatformInvitation]:
    """Invitations neither accepted nor withdrawn (expired ones too: they may be sent again),
    newest first; of `emails` only when given. None for a viewer who may not manage accounts."""
    if not has_perm(viewer, "core.manage_accounts"):
        return PlatformInvitation.objects.none()
    queryset = PlatformInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    if emails is not None:
        queryset = queryset.filter(email__in=[e.lower() for e in emails])
    return queryset.select_related("invited_by").order_by("-created_at", "-pk")


def platform_invitation_records(*, viewer: Viewer) -> QuerySet[PlatformInvitation]:
    """Invitations as the staff's buttons act on them (look one up by key)."""
    if not has_perm(viewer, "core.manage_accounts"):
        return PlatformInvitation.objects.none()
    return PlatformInvitation.objects.all()


def notification_preference_of(user: User) -> NotificationPreference:
    """The account's notification preference; an unsaved default when it never chose."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )
