"""The decisions demo written through the services (see the package)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.demo.content import (
    ADVICE,
    ADVICE_GIVEN,
    ADVICE_GROUP,
    ADVICE_WEIGHING,
    CLOSED_POLL,
    DEADLINE_DAYS,
    DECISIONS,
    ELECTION_GROUP,
    IN_PROGRESS,
    TIME_POLL,
    DemoDecision,
)
from maillage.decisions.models import (
    Availability,
    Decision,
    Poll,
    PollPosition,
    PollVariant,
    Position,
    Process,
    ProcessKind,
    ProcessMode,
    Visibility,
)
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Role, Workstream
from maillage.network.models import Person


def _group(slug: str) -> Circle | Workstream | None:
    return Circle.objects.filter(slug=slug).first() or Workstream.objects.filter(slug=slug).first()


def _account(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _speakers(group: Circle | Workstream, count: int) -> list[Person]:
    """The first `count` people holding a voice of `group` (the demo member apart)."""
    people = [v.holders[0] for v in selectors.voices(group)]
    return [p for p in people if p.email != MEMBER_EMAIL][:count]


def _review(months: int | None) -> dt.date | None:
    return timezone.localdate() + dt.timedelta(days=30 * months) if months else None


ELECTION_DAYS_AGO = 75
ADVICE_DAYS_AGO = 115


@contextmanager
def _days_ago(days: int) -> Iterator[None]:
    """Take a decision of the demo's past: the platform's clock reads `days` ago (a second
    later at each reading) while the services run, so that the register, its rounds and its
    history carry that date."""
    if not days:
        yield
        return
    start = timezone.now() - dt.timedelta(days=days)
    ticks = itertools.count()
    with mock.patch.object(
        timezone, "now", side_effect=lambda: start + dt.timedelta(seconds=next(ticks))
    ):
        yield


def _open_consent(process: Process, *, live: bool) -> Process:
    for step in ("present", "open_clarifying", "open_reactions"):
        process = services.process_transition(actor=SYSTEM, process=process, transition=step)
    deadline = None if live else timezone.now() + dt.timedelta(days=DEADLINE_DAYS)
    return services.process_transition(
        actor=SYSTEM, process=process, transition="open_consent", deadline=deadline
    )


def _answer_all(process: Process, people: list[Person], facilitator: User) -> None:
    """The answers of `people`, given in the room and recorded by the facilitator."""
    for person in people:
        services.answer_give(
            actor=facilitator,
            process=process,
            person=person,
            position=Position.CONSENT,
        )


def _start(
    demo: DemoDecision,
    group: Circle | Workstream,
    facilitator: User,
    mode: str = ProcessMode.LIVE,
) -> Process:
    return services.process_start(
        actor=SYSTEM,
        data=services.ProcessData(
            title=demo.title,
            proposal=demo.proposal,
            rationale=demo.rationale,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            mode=mode,
            visibility=demo.visibility,
            facilitator=facilitator,
            review_date=_review(demo.review_months),
            changes=list(demo.changes),
        ),
    )


@transaction.atomic
def _decide(demo: DemoDecision, group: Circle | Workstream, facilitator: User) -> None:
    """A decision taken in a meeting: its rounds, an objection integrated when it has one."""
    people = _speakers(group, 4)
    if not people:
        return
    process = _open_consent(_start(demo, group, facilitator), live=True)
    if demo.objection:
        services.answer_give(
            actor=facilitator,
            process=process,
            person=people[0],
            position=Position.OBJECTION,
            reason=demo.objection,
        )
        services.consent_round_close(actor=SYSTEM, process=process)
        services.proposal_amend(
            actor=SYSTEM,
            process=process,
            title=demo.title,
            text=demo.amended,
            note=_("Integrates the objection raised in the consent round."),
        )
        process = services.process_transition(
            actor=SYSTEM, process=process, transition="open_consent"
        )
    _answer_all(process, people, facilitator)
    services.consent_round_close(actor=SYSTEM, process=process)


@transaction.atomic
def _in_progress(group: Circle | Workstream, facilitator: User) -> None:
    """The process under way: asynchronous, its consent round open, two answers in."""
    process = _open_consent(_start(IN_PROGRESS, group, facilitator, ProcessMode.ASYNC), live=False)
    people = _speakers(group, 2)
    for person, position, reason in zip(
        people,
        (Position.CONSENT, Position.OBJECTION),
        ("", "Deux ans, c'est long pour une personne qui découvre le collectif : un an ?"),
        strict=False,
    ):
        services.answer_give(
            actor=facilitator,
            process=process,
            person=person,
            position=position,
            reason=reason,
        )


@transaction.atomic
def _election(circle: Circle, facilitator: User) -> None:
    """An election held in a meeting: everyone's nominations recorded by the facilitator, one
    change of mind, the proposal consented, the role held until the end of its term."""
    role = (
        Role.objects.filter(circle=circle, archived_at__isnull=True, elected=True)
        .order_by("kind", "pk")
        .first()
    )
    people = _speakers(circle, 4)
    if role is None or len(people) < 3:
        return
    process = services.election_start(
        actor=SYSTEM,
        data=services.ElectionData(
            role=role, facilitator=facilitator, visibility=Visibility.PUBLIC
        ),
    )
    services.election_transition(actor=SYSTEM, process=process, transition="open_nominations")
    elected, other = people[0], people[1]
    for nominator in people:
        services.nomination_give(
            actor=facilitator,
            process=process,
            person=nominator,
            nominee=other if nominator == elected else elected,
            reason="Connaît bien les organismes en habitation et anime avec rigueur."
            if nominator != elected
            else "A du temps cette année pour ce rôle.",
        )
    for step in ("read_nominations", "open_changes"):
        services.election_transition(actor=SYSTEM, process=process, transition=step)
    services.nomination_give(
        actor=facilitator,
        process=process,
        person=people[2],
        nominee=other,
        reason="Après la ronde, je pense qu’il est plus disponible.",
    )
    services.election_transition(actor=SYSTEM, process=process, transition="close_changes")
    services.election_propose(
        actor=facilitator,
        process=process,
        person=elected,
        reason="Nommée le plus souvent, pour sa connaissance des organismes.",
    )
    _answer_all(process, people, facilitator)
    services.election_consent_close(actor=facilitator, process=process)


@transaction.atomic
def _advice(group: Circle | Workstream, decider: User) -> None:
    """An advice process: two people asked, their advice recorded, the decision weighed."""
    people = _speakers(group, 2)
    if len(people) < 2:
        return
    process = services.advice_start(
        actor=decider,
        data=services.AdviceData(
            title=ADVICE.title,
            proposal=ADVICE.proposal,
            rationale=ADVICE.rationale,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            deadline=timezone.now() + dt.timedelta(days=DEADLINE_DAYS),
            people=people,
            visibility=ADVICE.visibility,
        ),
    )
    services.advice_transition(actor=decider, process=process, transition="ask")
    for person, text in zip(people, ADVICE_GIVEN, strict=True):
        services.advice_give(actor=decider, process=process, person=person, text=text)
    services.advice_decide(
        actor=decider, process=process, decision=ADVICE.proposal, weighing=ADVICE_WEIGHING
    )


def _start_poll(
    spec: tuple[str, str, str], group: Circle | Workstream, facilitator: User, **data: Any
) -> Poll:
    _slug, title, question = spec
    return services.poll_start(
        actor=facilitator,
        data=services.PollData(
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            title=title,
            question=question,
            facilitator=facilitator,
            closes_at=timezone.now() + dt.timedelta(days=DEADLINE_DAYS),
            **data,
        ),
    )


@transaction.atomic
def _polls(group: Circle | Workstream, facilitator: User) -> None:
    """A proposal poll whose votes were taken by the facilitator (offline), closed and in the
    register; a time poll open, two voices in, the demo member's awaited."""
    if not Process.objects.filter(title=CLOSED_POLL[1]).exists():
        poll = _start_poll(
            CLOSED_POLL,
            group,
            facilitator,
            variant=PollVariant.PROPOSAL,
            quorum=3,
            visibility=Visibility.PUBLIC,
        )
        services.poll_transition(actor=facilitator, poll=poll, transition="open")
        positions = (
            PollPosition.AGREE,
            PollPosition.AGREE,
            PollPosition.ABSTAIN,
            PollPosition.AGREE,
        )
        for person, position in zip(_speakers(group, 4), positions, strict=False):
            services.vote_cast(actor=facilitator, poll=poll, position=position, person=person)
        services.poll_transition(actor=facilitator, poll=poll, transition="close")
    if not Process.objects.filter(title=TIME_POLL[1]).exists():
        day = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        poll = _start_poll(
            TIME_POLL,
            group,
            facilitator,
            variant=PollVariant.TIME,
            times=[day + dt.timedelta(weeks=weeks) for weeks in (6, 7, 8)],
        )
        services.poll_transition(actor=facilitator, poll=poll, transition="open")
        options = list(poll.options.order_by("position"))
        answers = (
            (Availability.YES, Availability.MAYBE, Availability.NO),
            (Availability.YES, Availability.YES, Availability.NO),
        )
        for person, availability in zip(_speakers(group, 2), answers, strict=False):
            services.vote_cast(
                actor=facilitator,
                poll=poll,
                person=person,
                values={o.pk: a for o, a in zip(options, availability, strict=True)},
            )


def load(*, stdout: Any) -> None:
    facilitator = _account(STAFF_EMAIL)
    if facilitator is None:
        # The facilitator records the answers given in the room: without the staff's demo
        # account (the network's demo), nothing is written.
        stdout.write(_("No demo staff account: the decisions demo is skipped."))
        return
    skipped: list[str] = []
    for demo in DECISIONS:
        group = _group(demo.group)
        if group is None:
            skipped.append(demo.group)
        elif not Process.objects.filter(title=demo.title).exists():
            with _days_ago(demo.days_ago):
                _decide(demo, group, facilitator)
    group = _group(IN_PROGRESS.group)
    if group is not None and not Process.objects.filter(title=IN_PROGRESS.title).exists():
        _in_progress(group, facilitator)
    circle = Circle.objects.filter(slug=ELECTION_GROUP).first()
    if circle and not Process.objects.filter(kind=ProcessKind.ELECTION, circle=circle).exists():
        # Elected, and advised, on days of their own in the past months.
        with _days_ago(ELECTION_DAYS_AGO):
            _election(circle, facilitator)
    group = _group(ADVICE_GROUP)
    if group is not None and not Process.objects.filter(title=ADVICE.title).exists():
        with _days_ago(ADVICE_DAYS_AGO):
            _advice(group, facilitator)
    group = _group(CLOSED_POLL[0])
    if group is not None:
        _polls(group, facilitator)
    stdout.write(
        _("%(decisions)d decisions in the register, %(running)d process(es) under way.")
        % {
            "decisions": Decision.objects.count(),
            "running": Process.objects.filter(state="consent_round").count(),
        }
    )
    if skipped:
        stdout.write(
            _("Circles or workstreams not found (skipped): %(slugs)s.")
            % {"slugs": ", ".join(skipped)}
        )
