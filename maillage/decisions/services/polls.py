"""Polls: starting one, moving it along its workflow (`workflows.POLL`), votes (one's own, or
given offline and recorded by the facilitator), reminders before closing, and closing, which
writes the result in the register (a time poll records its chosen date instead)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.services import notify
from maillage.core.services.notifications import AwaitedAnswer
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Availability,
    Channel,
    Decision,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Process,
    ProcessKind,
    ProposalVersion,
    Visibility,
    Vote,
    VoteChoice,
)
from maillage.decisions.paths import process_path
from maillage.decisions.services._common import _move, _roles, _tell_participants, _user
from maillage.decisions.services.register import _tell_decision
from maillage.decisions.services.rounds import _require_recorder, _speaker
from maillage.decisions.verbs import DecisionVerb
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Person

# The reply purposes of the e-mails that await a vote (`decisions.replies`): one per kind of
# answer, so that the e-mail says only the answers its poll takes.
POLL_REPLY = "poll"  # a proposal: agree, abstain, disagree, block
POLL_SCORE_REPLY = "poll_score"
POLL_CHOICE_REPLY = "poll_choice"  # ranked choice, dot vote, time poll


def poll_reply_purpose(variant: str) -> str:
    if variant == PollVariant.PROPOSAL:
        return POLL_REPLY
    return POLL_SCORE_REPLY if variant == PollVariant.SCORE else POLL_CHOICE_REPLY


MAX_OPTIONS = 30
MAX_SCORE = 100
MAX_DOTS = 100


@dataclass
class PollData:
    title: str
    question: str
    variant: str
    closes_at: datetime
    circle: Circle | None = None
    workstream: Workstream | None = None
    # The options' labels; for a time poll, `times` instead.
    options: list[str] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    opens_at: datetime | None = None
    quorum: int = 0
    anonymous: bool = False
    hide_results: bool = False
    max_score: int = 5
    dots: int = 10
    remind_hours: int = 24
    visibility: str = Visibility.INTERNAL
    facilitator: User | None = None
    review_date: date | None = None


def _options(data: PollData) -> list[tuple[str, datetime | None]]:
    """The options as (label, date and time), checked."""
    found: list[tuple[str, datetime | None]]
    if data.variant == PollVariant.PROPOSAL:
        return []
    if data.variant == PollVariant.TIME:
        times = sorted(set(data.times))
        if not times:
            raise ValidationError({"options": _("Give at least one date and time.")})
        if times[0] <= timezone.now():
            raise ValidationError({"options": _("The dates and times must be in the future.")})
        with translation.override(settings.LANGUAGE_CODE):
            found = [(long_date(t, "DATETIME_FORMAT"), t) for t in times]
    else:
        labels = [label.strip() for label in data.options if label.strip()]
        if len({label.casefold() for label in labels}) != len(labels):
            raise ValidationError({"options": _("Each option is given once.")})
        if len(labels) < 2:
            raise ValidationError({"options": _("Give at least two options.")})
        found = [(label[:255], None) for label in labels]
    if len(found) > MAX_OPTIONS:
        raise ValidationError(
            {"options": _("A poll has at most %(count)d options.") % {"count": MAX_OPTIONS}}
        )
    return found


def _check_settings(data: PollData) -> None:
    if data.variant not in PollVariant.values:
        raise ValidationError({"variant": _("Choose a kind of poll.")})
    if not data.title.strip() or not data.question.strip():
        raise ValidationError({"question": _("A poll needs a title and a question.")})
    if data.closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The closing time must be in the future.")})
    if data.opens_at and data.opens_at >= data.closes_at:
        raise ValidationError({"closes_at": _("A poll closes after it opens.")})
    if not 1 <= data.max_score <= MAX_SCORE:
        raise ValidationError(
            {"max_score": _("The highest score is between 1 and %(max)d.") % {"max": MAX_SCORE}}
        )
    if not 1 <= data.dots <= MAX_DOTS:
        raise ValidationError(
            {"dots": _("Each voice has between 1 and %(max)d dots.") % {"max": MAX_DOTS}}
        )
    if data.quorum < 0:
        raise ValidationError({"quorum": _("The quorum is a number of voices, 0 or more.")})


@transaction.atomic
def poll_start(*, actor: Actor, data: PollData) -> Poll:
    """A poll in draft in a circle or a workstream: its process (the question as its
    proposal), its settings and its options."""
    group = data.circle or data.workstream
    if group is None or (data.circle and data.workstream):
        raise ValidationError(_("A poll is put either to a circle or to a workstream."))
    require(actor, "decisions.start_process", group)
    if group.is_archived:
        raise ValidationError(_("This circle or workstream is archived."))
    _check_settings(data)
    options = _options(data)
    process = Process(
        kind=ProcessKind.POLL,
        circle=data.circle,
        workstream=data.workstream,
        title=data.title.strip(),
        proposal=data.question.strip(),
        visibility=data.visibility,
        facilitator=data.facilitator or _user(actor),
        review_date=data.review_date,
        created_by=_user(actor),
        state=workflows.POLL.initial,
    )
    process.save()
    ProposalVersion.objects.create(
        process=process,
        number=1,
        title=process.title,
        text=process.proposal,
        created_by=_user(actor),
    )
    poll = Poll.objects.create(
        process=process,
        variant=data.variant,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        quorum=data.quorum,
        anonymous=data.anonymous,
        hide_results=data.hide_results,
        max_score=data.max_score,
        dots=data.dots,
        remind_hours=data.remind_hours,
    )
    PollOption.objects.bulk_create(
        PollOption(poll=poll, position=position, label=label, starts_at=starts_at)
        for position, (label, starts_at) in enumerate(options, start=1)
    )
    audit.record(
        actor=actor,
        verb=DecisionVerb.PROCESS_STARTED,
        target=process,
        payload={"title": process.title, "kind": process.kind, "variant": poll.variant},
    )
    return poll


def _tell_vote_awaited(poll: Poll, *, reminder: bool = False, only: set[int] | None = None) -> int:
    """Tell the participants (or the accounts `only`) that their vote is awaited; replying to
    the e-mail votes (`decisions.replies`) until the poll closes. Returns how many were told."""
    process = poll.process
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Reminder: your vote is awaited: “%(title)s”")
            if reminder
            else _("Your vote is awaited: “%(title)s”")
        ) % {"title": process.title}
        body = _("The poll closes on %(closes)s.") % {
            "closes": long_date(poll.closes_at, "DATETIME_FORMAT")
        }
        answer = AwaitedAnswer(
            purpose=poll_reply_purpose(poll.variant), object_id=process.pk, until=poll.closes_at
        )
        if only is None:
            _tell_participants(process, subject, body, process_path(process), answer=answer)
            return -1
        accounts = User.objects.filter(pk__in=only, is_active=True).order_by("pk")
        for account in accounts:
            notify(
                recipient=account,
                subject=subject,
                body=body,
                url=process_path(process),
                answer=answer,
            )
        return len(accounts)


@transaction.atomic
def poll_transition(
    *, actor: Actor, poll: Poll, transition: str, chosen: PollOption | None = None
) -> Poll:
    """Fire a transition of the poll workflow: schedule the opening (its opening time in the
    future), open (now), close (the result counted; the register's decision written, or a time
    poll's date chosen: `chosen`, else the date most can attend), withdraw."""
    process = lock(poll.process)
    poll.refresh_from_db()
    step = workflows.POLL.check(transition, state=process.state, roles=_roles(actor, process))
    now = timezone.now()
    payload: dict[str, Any] = {}
    if step.key == "schedule" and (poll.opens_at is None or poll.opens_at <= now):
        raise ValidationError(
            {"transition": _("Give the poll an opening time in the future to schedule it.")}
        )
    if step.key == "open":
        if poll.closes_at <= now:
            raise ValidationError({"transition": _("The poll's closing time has passed.")})
        poll.opens_at = now
        poll.save(update_fields=["opens_at", "updated_at"])
    if step.key == "close":
        payload = _close(actor, poll, chosen)
    _move(actor, process, step.key, payload)
    if step.key == "open":
        _tell_vote_awaited(poll)
    if step.key == "close" and hasattr(process, "decision"):
        _tell_decision(process.decision)
    return poll


def _close(actor: Actor, poll: Poll, chosen: PollOption | None) -> dict[str, Any]:
    process = poll.process
    options = list(PollOption.objects.filter(poll=poll).order_by("position"))
    votes = selectors.poll_votes(poll)
    voice_list = selectors.voices(process.group)
    result = selectors.poll_result(poll, options, votes, len(voice_list))
    payload: dict[str, Any] = {
        "votes": result.votes,
        "voices": result.voices,
        "quorum_met": result.quorum_met,
    }
    if poll.variant == PollVariant.TIME:
        if chosen is not None and chosen.poll_id != poll.pk:
            raise ValidationError({"chosen": _("Choose one of the poll's dates.")})
        poll.chosen = chosen or (result.best.option if result.best else None)
        poll.save(update_fields=["chosen", "updated_at"])
        payload["chosen"] = poll.chosen.label if poll.chosen else None
        return payload
    with translation.override(settings.LANGUAGE_CODE):
        text = "\n\n".join([process.proposal, result.outcome()])
    now = timezone.now()
    decision = Decision(
        process=process,
        circle=process.circle,
        workstream=process.workstream,
        title=process.title,
        text=text,
        rationale=process.rationale,
        kind=process.kind,
        participation=_participation(poll, voice_list, votes, options),
        decided_at=now,
        effective_date=timezone.localdate(now),
        review_date=process.review_date,
        visibility=process.visibility,
    )
    audit.audited_save(
        actor=actor,
        instance=decision,
        verb=DecisionVerb.DECISION_TAKEN,
        payload=lambda d: {"title": d.title, "process": process.pk},
    )
    process.decision = decision
    return payload


def _participation(
    poll: Poll,
    voice_list: list[selectors.Voice],
    votes: list[Vote],
    options: list[PollOption],
) -> list[dict[str, Any]]:
    """Each voice and, unless the poll is anonymous, who voted for it and how (a proposal's
    position, or each option's value); an anonymous poll keeps only whether each voice voted."""
    by_voice = {vote.voice: vote for vote in votes}
    labels = {option.pk: option.label for option in options}
    rows = []
    for voice in voice_list:
        vote = by_voice.get(voice.key)
        row: dict[str, Any] = {
            "voice": voice.name,
            "organization": voice.organization.name if voice.organization else None,
            "voted": vote is not None,
            "person": None,
            "as_substitute": False,
            "position": None,
            "reason": "",
            "offline": False,
        }
        if vote is not None and not poll.anonymous:
            row |= {
                "person": str(vote.person),
                "as_substitute": vote.as_substitute,
                "position": vote.position or None,
                "reason": vote.reason,
                "offline": vote.offline,
                "values": {
                    labels[c.option_id]: c.value
                    for c in selectors.choices_of(vote)
                    if c.option_id in labels
                },
            }
        rows.append(row)
    return rows


def _check_values(poll: Poll, options: list[PollOption], values: dict[int, int]) -> dict[int, int]:
    """A vote's values by option, checked against the variant; only the options given a value
    are kept (a rank, dots), every option for a score or a time poll."""
    known = {option.pk for option in options}
    if set(values) - known:
        raise ValidationError({"values": _("Vote on the poll's own options.")})
    if poll.variant == PollVariant.SCORE:
        if set(values) != known:
            raise ValidationError({"values": _("Give each option a score.")})
        if any(not 0 <= v <= poll.max_score for v in values.values()):
            raise ValidationError(
                {"values": _("A score is between 0 and %(max)d.") % {"max": poll.max_score}}
            )
        return values
    if poll.variant == PollVariant.TIME:
        if set(values) != known:
            raise ValidationError({"values": _("Answer yes, maybe or no for each date.")})
        if any(v not in Availability.values for v in values.values()):
            raise ValidationError({"values": _("Answer yes, maybe or no for each date.")})
        return values
    given = {pk: v for pk, v in values.items() if v}
    if poll.variant == PollVariant.RANKED:
        ranks = sorted(given.values())
        if not ranks:
            raise ValidationError({"values": _("Rank at least one option.")})
        if ranks != list(range(1, len(ranks) + 1)):
            raise ValidationError(
                {"values": _("Rank the options 1, 2, 3… each rank once, without gaps.")}
            )
        return given
    total = sum(given.values())
    if any(v < 0 for v in values.values()) or total < 1:
        raise ValidationError({"values": _("Place at least one dot.")})
    if total > poll.dots:
        raise ValidationError(
            {
                "values": _("You have %(dots)d dots; you placed %(total)d.")
                % {"dots": poll.dots, "total": total}
            }
        )
    return given


@transaction.atomic
def vote_cast(
    *,
    actor: Actor,
    poll: Poll,
    position: str = "",
    values: dict[int, int] | None = None,
    reason: str = "",
    person: Person | None = None,
    channel: str = Channel.WEB,
) -> Vote:
    """A voice's vote in an open poll: a proposal's position, or a value per option (`values`,
    by option id). Voting again replaces one's vote. A person sitting for an organization votes
    for it; a substitute votes only while its holder has not, and the holder's vote replaces
    the substitute's (one vote per voice). The facilitator records, for `person`, a vote given
    offline.

    The process's row is locked first, so votes arriving together are counted one after the
    other: none lost, none twice (the constraints on the vote are the last guard)."""
    process = lock(poll.process)
    recorded = person is not None
    if recorded:
        _require_recorder(actor, process)
    else:
        require(actor, "decisions.take_part", process)
        person = selectors.person_of(actor)
    if process.state != "open" or poll.closes_at <= timezone.now():
        raise ValidationError({"position": _("Votes are taken while the poll is open only.")})
    options = list(PollOption.objects.filter(poll=poll).order_by("position"))
    checked: dict[int, int] = {}
    if poll.variant == PollVariant.PROPOSAL:
        if position not in PollPosition.values:
            raise ValidationError({"position": _("Answer agree, abstain, disagree or block.")})
    else:
        position = ""
        checked = _check_values(poll, options, values or {})
    speaker = _speaker(process, person)
    key = (
        f"organization:{speaker.organization.pk}"
        if speaker.organization
        else f"person:{speaker.person.pk}"
    )
    vote = Vote.objects.filter(poll=poll, voice=key).first()
    replaced = None
    if vote is not None and vote.person_id != speaker.person.pk:
        if speaker.as_substitute or not vote.as_substitute:
            raise ValidationError(
                {
                    "position": _("%(person)s has already voted for %(voice)s.")
                    % {"person": vote.person, "voice": speaker.organization or vote.person}
                }
            )
        replaced = str(vote.person)  # the holder's vote replaces their substitute's
    vote = vote or Vote(poll=poll, voice=key)
    vote.person = speaker.person
    vote.organization = speaker.organization
    vote.seat = speaker.seat
    vote.as_substitute = speaker.as_substitute
    vote.position = position
    vote.reason = reason.strip()
    vote.channel = Channel.OFFLINE if recorded and channel == Channel.WEB else channel
    vote.recorded_by = _user(actor)
    payload: dict[str, Any] = {
        "person": str(speaker.person),
        "organization": speaker.organization.name if speaker.organization else None,
        "channel": vote.channel,
        "replaces": replaced,
    }
    if not poll.anonymous:  # the history of an anonymous poll says who voted, never how
        payload |= {"position": position, "values": {str(k): v for k, v in checked.items()}}
    audit.audited_save(
        actor=actor,
        instance=vote,
        verb=DecisionVerb.VOTE_RECORDED if recorded else DecisionVerb.VOTE_CAST,
        target=process,
        payload=payload,
    )
    VoteChoice.objects.filter(vote=vote).delete()
    VoteChoice.objects.bulk_create(
        VoteChoice(vote=vote, option_id=option_id, value=value)
        for option_id, value in checked.items()
    )
    return vote


@dataclass
class PollReport:
    opened: int = 0
    reminded: int = 0
    closed: int = 0


def _awaited_accounts(poll: Poll) -> set[int]:
    """The accounts of the voices that have not voted: holders and substitutes."""
    voted = set(Vote.objects.filter(poll=poll).values_list("voice", flat=True))
    return {
        p.user_id
        for voice in selectors.voices(poll.process.group)
        if voice.key not in voted
        for p in [*voice.holders, *voice.substitutes]
        if p.user_id
    }


def polls_due(*, actor: Actor = SYSTEM, now: datetime | None = None) -> PollReport:
    """What the platform does for polls at their times, each poll in its own transaction:
    open the scheduled ones whose opening time has come, remind the awaited voices of the
    open ones closing within their reminder delay (once), close the open ones whose closing
    time has passed."""
    now = now or timezone.now()
    report = PollReport()
    for pk in list(
        Poll.objects.filter(process__state="scheduled", opens_at__lte=now).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            poll = Poll.objects.select_related("process").get(pk=pk)
            if poll.process.state == "scheduled":
                poll_transition(actor=actor, poll=poll, transition="open")
                report.opened += 1
    open_polls = Poll.objects.filter(process__state="open")
    for pk, closes_at, hours in open_polls.filter(
        reminded_at__isnull=True, closes_at__gt=now
    ).values_list("pk", "closes_at", "remind_hours"):
        if hours and closes_at - dt.timedelta(hours=hours) <= now:
            with transaction.atomic():
                report.reminded += _remind(actor, pk, now)
    for pk in list(open_polls.filter(closes_at__lte=now).values_list("pk", flat=True)):
        with transaction.atomic():
            poll = Poll.objects.select_related("process").get(pk=pk)
            lock(poll.process)
            if poll.process.state != "open":
                continue  # closed meanwhile by its facilitator
            audit.record(
                actor=actor,
                verb=DecisionVerb.POLL_CLOSED_AT_TIME,
                target=poll.process,
                payload={"closes_at": poll.closes_at.isoformat()},
            )
            poll_transition(actor=actor, poll=poll, transition="close")
            report.closed += 1
    return report


def _remind(actor: Actor, pk: int, now: datetime) -> int:
    poll = Poll.objects.select_for_update().select_related("process").get(pk=pk)
    if poll.reminded_at is not None or poll.process.state != "open":
        return 0
    poll.reminded_at = now
    poll.save(update_fields=["reminded_at", "updated_at"])
    told = _tell_vote_awaited(poll, reminder=True, only=_awaited_accounts(poll))
    audit.record(
        actor=actor, verb=DecisionVerb.POLL_REMINDED, target=poll.process, payload={"told": told}
    )
    return 1
