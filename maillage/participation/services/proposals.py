"""Proposals, comments and supports: written online by a person with a confirmed address, or
gathered in person and recorded on someone's behalf by a partner or staff, with the consent they
gave. Both count alike; online posting is limited per person and period
(`MAILLAGE_PARTICIPATION_RATE`), counted from the database so that it holds across workers."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.services import notify
from maillage.core.uploads import DOCUMENT_KINDS, check_upload
from maillage.participation.models import (
    Channel,
    Comment,
    Consultation,
    Proposal,
    Signature,
    Support,
    TrailEntry,
    TrailStatus,
)
from maillage.participation.verbs import ParticipationVerb
from maillage.territories.models import Territory

IMAGE_KINDS = tuple(kind for kind in DOCUMENT_KINDS if kind.key in ("png", "jpeg"))
IMAGE_MAX_SIDE = 2000
IMAGE_MAX_BYTES = 5 * 1024 * 1024
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def posting_rate() -> tuple[int, dt.timedelta]:
    """How many proposals and comments one person may post, and in how long a period:
    `MAILLAGE_PARTICIPATION_RATE` as "10/h" (s, m, h, d; "10/2h" also reads)."""
    text = str(getattr(settings, "MAILLAGE_PARTICIPATION_RATE", "10/h"))
    count, _slash, period = text.partition("/")
    number = period[:-1] or "1"
    return int(count), dt.timedelta(seconds=int(number) * _PERIODS[period[-1]])


def _check_rate(actor: User) -> None:
    """Refuse a post over the limit. The account's row is locked first, so that two posts sent
    at once by the same person are counted one after the other."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    limit, period = posting_rate()
    since = timezone.now() - period
    posted = (
        Proposal.objects.filter(author=actor, created_at__gte=since).count()
        + Comment.objects.filter(author=actor, created_at__gte=since).count()
    )
    if posted >= limit:
        minutes = max(1, int(period.total_seconds() // 60))
        raise ValidationError(
            ngettext(
                "You have posted %(count)d times in the last %(minutes)d minute. "
                "Please wait a little, then send it again: what you wrote is kept below.",
                "You have posted %(count)d times in the last %(minutes)d minutes. "
                "Please wait a little, then send it again: what you wrote is kept below.",
                minutes,
            )
            % {"count": posted, "minutes": minutes},
            code="rate",
        )


def _author(actor: Actor) -> User:
    if not isinstance(actor, User):
        raise PermissionDenied(_("Only a person contributes online."))
    return actor


def shown_name(actor: User, signature: str, display_name: str) -> str:
    """The name a contribution is shown under: the account's name under "my name" (what was
    typed when the account has none), the pseudonym otherwise; never an e-mail address."""
    name = display_name.strip()
    if signature == Signature.NAME:
        name = actor.get_full_name().strip() or name
    if not name:
        raise ValidationError(
            {"display_name": _("Write the name to show with your contribution.")}, code="required"
        )
    if "@" in name:
        raise ValidationError(
            {"display_name": _("An e-mail address cannot be shown: choose a name or a pseudonym.")},
            code="email",
        )
    return name[:120]


def _check_in_person(channel: str, consent: str, display_name: str) -> None:
    errors: dict[str, Any] = {}
    if channel == Channel.ONLINE or channel not in Channel.values:
        errors["channel"] = _("Say where the contribution was gathered.")
    if not consent.strip():
        errors["consent"] = _("Say how the person agreed that their words be published.")
    if not display_name.strip():
        errors["display_name"] = _("Write the name the person wishes to be shown under.")
    elif "@" in display_name:
        errors["display_name"] = _("An e-mail address cannot be shown: write a name.")
    if errors:
        raise ValidationError(errors)


def _check_territory(consultation: Consultation, territory: Territory | None) -> None:
    from maillage.participation.selectors.proposals import territory_choices

    if territory is not None and not territory_choices(consultation).filter(pk=territory.pk):
        raise ValidationError({"territory": _("Choose one of the territories listed.")})


def _checked_image(image: File[Any] | None, description: str) -> File[Any] | None:
    """The image to keep: a PNG or JPEG with its description, re-encoded from its pixels."""
    if not image:
        return None
    try:
        check_upload(image, max_bytes=IMAGE_MAX_BYTES, kinds=IMAGE_KINDS)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from error
    if not description.strip():
        raise ValidationError(
            {
                "image_description": _(
                    "Describe the image in a few words, for those who cannot see it."
                )
            }
        )
    return _without_metadata(image)


def _without_metadata(image: File[Any]) -> ContentFile[bytes]:
    """The picture alone, at most `IMAGE_MAX_SIDE` pixels a side: a phone's photo carries where
    and when it was taken, and the device, which a public page must not give away."""
    image.seek(0)
    try:
        with Image.open(image) as opened:
            kind = "PNG" if opened.format == "PNG" else "JPEG"
            picture = ImageOps.exif_transpose(opened)  # upright, once its orientation is gone
            picture.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
            if kind == "JPEG" and picture.mode not in ("RGB", "L"):
                picture = picture.convert("RGB")
            out = io.BytesIO()
            picture.save(out, format=kind, **({"quality": 85} if kind == "JPEG" else {}))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            {"image": _("This image cannot be read. Send a PNG or JPEG photo.")}
        ) from error
    return ContentFile(out.getvalue(), name=image.name)


def _new_proposal(
    actor: Actor, consultation: Consultation, fields: dict[str, Any], verb: ParticipationVerb
) -> Proposal:
    _check_territory(consultation, fields.get("territory"))
    fields["image"] = _checked_image(fields.get("image"), fields.get("image_description", ""))
    proposal = Proposal(
        consultation=consultation,
        routed_circle_id=consultation.circle_id,
        routed_workstream_id=consultation.workstream_id,
        status=TrailStatus.RECEIVED,
        **{k: v for k, v in fields.items() if v is not None},
    )
    proposal.full_clean(exclude=["image"])
    proposal.save()
    TrailEntry.objects.create(
        proposal=proposal,
        status=TrailStatus.RECEIVED,
        routed_circle_id=consultation.circle_id,
        routed_workstream_id=consultation.workstream_id,
        actor=actor if isinstance(actor, User) else None,
    )
    audit.record(
        actor=actor,
        verb=verb,
        target=proposal,
        payload={"consultation": consultation.pk, "channel": proposal.channel},
    )
    return proposal


@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
    consultation: Consultation,
    title: str,
    text: str,
    signature: str,
    display_name: str,
    territory: Territory | None = None,
    image: File[Any] | None = None,
    image_description: str = "",
) -> Proposal:
    """A person's proposal, routed to the consultation's group, "received" on its trail."""
    author = _author(actor)
    require(author, "participation.contribute", consultation)
    name = shown_name(author, signature, display_name)
    _check_rate(author)
    return _new_proposal(
        actor,
        consultation,
        {
            "author": author,
            "signature": signature,
            "display_name": name,
            "title": title.strip(),
            "text": text.strip(),
            "territory": territory,
            "image": image or None,
            "image_description": image_description.strip() if image else "",
        },
        ParticipationVerb.PROPOSAL_SUBMITTED,
    )


@transaction.atomic
def proposal_record(
    *,
    actor: Actor,
    consultation: Consultation,
    title: str,
    text: str,
    display_name: str,
    channel: str,
    consent: str,
    territory: Territory | None = None,
) -> Proposal:
    """A proposal gathered in person, recorded on the person's behalf with their consent."""
    require(actor, "participation.record_in_person", consultation)
    _check_in_person(channel, consent, display_name)
    return _new_proposal(
        actor,
        consultation,
        {
            "author": None,
            "signature": Signature.NAME,
            "display_name": display_name.strip(),
            "channel": channel,
            "consent": consent.strip(),
            "recorded_by": actor if isinstance(actor, User) else None,
            "title": title.strip(),
            "text": text.strip(),
            "territory": territory,
        },
        ParticipationVerb.PROPOSAL_RECORDED,
    )


def _thread_parent(proposal: Proposal, parent: Comment | None) -> Comment | None:
    """Replies go one level deep: a reply to a reply joins its parent's thread."""
    if parent is None:
        return None
    if parent.proposal_id != proposal.pk:
        raise ValidationError(_("This comment belongs to another proposal."))
    if parent.parent_id is not None:
        return Comment.objects.get(pk=parent.parent_id)
    return parent


def _new_comment(
    actor: Actor, proposal: Proposal, fields: dict[str, Any], verb: ParticipationVerb
) -> Comment:
    text = fields.pop("text").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    comment = Comment(
        proposal=proposal,
        parent=_thread_parent(proposal, fields.pop("parent")),
        text=text,
        **fields,
    )
    comment.full_clean()
    comment.save()
    audit.record(actor=actor, verb=verb, target=comment, payload={"proposal": proposal.pk})
    _tell_author(actor, proposal, comment)
    return comment


def _tell_author(actor: Actor, proposal: Proposal, comment: Comment) -> None:
    """The proposal's author hears of a comment on it (not of their own)."""
    author = proposal.author
    if author is None or author == actor or not author.is_active:
        return
    path = reverse("participation:proposal_detail", args=[proposal.pk])
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            recipient=author,
            subject=_("A new comment on your proposal “%(title)s”") % {"title": proposal.title},
            body=_("%(name)s wrote a comment. Read it and answer if you wish.")
            % {"name": comment.display_name},
            url=f"{path}#comment-{comment.pk}",
        )


@transaction.atomic
def comment_add(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    signature: str,
    display_name: str,
    parent: Comment | None = None,
) -> Comment:
    """A person's comment on a proposal, or a reply to a comment."""
    author = _author(actor)
    require(author, "participation.contribute", proposal.consultation)
    name = shown_name(author, signature, display_name)
    _check_rate(author)
    return _new_comment(
        actor,
        proposal,
        {
            "author": author,
            "signature": signature,
            "display_name": name,
            "text": text,
            "parent": parent,
        },
        ParticipationVerb.COMMENT_ADDED,
    )


@transaction.atomic
def comment_record(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    display_name: str,
    channel: str,
    consent: str,
    parent: Comment | None = None,
) -> Comment:
    """A comment gathered in person, recorded on the person's behalf with their consent."""
    require(actor, "participation.record_in_person", proposal.consultation)
    _check_in_person(channel, consent, display_name)
    return _new_comment(
        actor,
        proposal,
        {
            "author": None,
            "signature": Signature.NAME,
            "display_name": display_name.strip(),
            "channel": channel,
            "consent": consent.strip(),
            "recorded_by": actor if isinstance(actor, User) else None,
            "text": text,
            "parent": parent,
        },
        ParticipationVerb.COMMENT_RECORDED,
    )


def _locked(proposal: Proposal) -> Proposal:
    """The proposal's row, locked until the end of the transaction: supports given at once are
    counted one after the other."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _count(proposal: Proposal, change: int) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + change)
    proposal.refresh_from_db(fields=["support_count"])


@transaction.atomic
def support_give(*, actor: Actor, proposal: Proposal) -> Support:
    """A person's support of a proposal; a second one by the same account is refused."""
    account = _author(actor)
    require(account, "participation.contribute", proposal.consultation)
    _locked(proposal)
    if Support.objects.filter(proposal=proposal, account=account).exists():
        raise ValidationError(_("You already support this proposal."), code="twice")
    support = Support.objects.create(proposal=proposal, account=account)
    _count(proposal, +1)
    audit.record(actor=actor, verb=ParticipationVerb.SUPPORTED, target=proposal)
    return support


@transaction.atomic
def support_withdraw(*, actor: Actor, proposal: Proposal) -> None:
    """The person's support withdrawn (deleted); refused when they gave none."""
    account = _author(actor)
    require(account, "participation.contribute", proposal.consultation)
    _locked(proposal)
    deleted, _rows = Support.objects.filter(proposal=proposal, account=account).delete()
    if not deleted:
        raise ValidationError(_("You do not support this proposal."), code="none")
    _count(proposal, -1)
    audit.record(actor=actor, verb=ParticipationVerb.SUPPORT_WITHDRAWN, target=proposal)


@transaction.atomic
def support_record(*, actor: Actor, proposal: Proposal, channel: str, consent: str) -> Support:
    """A support gathered in person, with the consent given, counted like any other."""
    require(actor, "participation.record_in_person", proposal.consultation)
    _check_in_person(channel, consent, "-")
    _locked(proposal)
    support = Support.objects.create(
        proposal=proposal,
        channel=channel,
        consent=consent.strip(),
        recorded_by=actor if isinstance(actor, User) else None,
    )
    _count(proposal, +1)
    audit.record(
        actor=actor,
        verb=ParticipationVerb.SUPPORT_RECORDED,
        target=proposal,
        payload={"channel": channel},
    )
    return support
