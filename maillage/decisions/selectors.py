"""Every read of decision processes and of the register, narrowed to what the viewer may see.

Who takes part, and with what voice: the current members of the process's circle or workstream
(role holders through their memberships). A member who sits for an organization (the seat of the
membership, or of the role that makes it) gives that organization its voice; the seat's
substitutes may answer for it. An organization has one voice: its holder's answer counts, else
the first substitute's; a member without a seat has a voice of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.rules import is_staff
from maillage.core.workflows import Transition
from maillage.decisions import workflows
from maillage.decisions.models import (
    Answer,
    Decision,
    Position,
    Process,
    ProposalVersion,
    Remark,
    Round,
    RoundKind,
    StructuralChange,
    Visibility,
)
from maillage.decisions.rules import _open_seat, group_ids, workflow_roles
from maillage.governance.changes import change_describe
from maillage.governance.models import Circle, Membership, Workstream
from maillage.network.models import Organization, Person, Seat

# Decisions and processes listed per page.
PAGE_SIZE = 25


# Who takes part, with what voice


@dataclass
class Voice:
    """One voice of a round: an organization's (its seats' holders and substitutes may answer
    for it) or a person's own."""

    key: str
    holders: list[Person]
    organization: Organization | None = None
    seats: list[Seat] = field(default_factory=list)
    substitutes: list[Person] = field(default_factory=list)
    # The answer that counts, and the others given for the same voice (not counted).
    answer: Answer | None = None
    others: list[Answer] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.organization.name if self.organization else str(self.holders[0])

    def speaks(self, person_id: int) -> bool:
        return any(p.pk == person_id for p in [*self.holders, *self.substitutes])

    def holds(self, person_id: int) -> bool:
        return any(p.pk == person_id for p in self.holders)


@dataclass(frozen=True)
class Speaker:
    """For whom a person answers in a process: the organization and seat, if any."""

    person: Person
    organization: Organization | None = None
    seat: Seat | None = None
    as_substitute: bool = False


def _group_filter(group: Circle | Workstream) -> dict[str, Any]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


def voices(group: Circle | Workstream) -> list[Voice]:
    """The voices of `group`'s decisions, organizations first by name, then people by name.
    Two queries: its open memberships, and the substitutes of their open seats."""
    memberships = list(
        Membership.objects.filter(ended_at__isnull=True, **_group_filter(group))
        .select_related("person", "seat__organization", "assignment__seat__organization")
        .order_by("pk")
    )
    seats: dict[int, Seat] = {}
    for membership in memberships:
        seat = membership.seat or (membership.assignment.seat if membership.assignment else None)
        if seat is not None:
            seats[seat.pk] = seat
    substitutes: dict[int, list[Person]] = {}
    if seats:
        for seat in (
            Seat.objects.filter(pk__in=seats)
            .filter(_open_seat(""))
            .prefetch_related(
                Prefetch("substitutes", queryset=Person.objects.order_by("last_name", "first_name"))
            )
        ):
            substitutes[seat.pk] = list(seat.substitutes.all())
    found: dict[str, Voice] = {}
    for membership in memberships:
        seat = membership.seat or (membership.assignment.seat if membership.assignment else None)
        if seat is not None and seat.pk in substitutes:
            voice = found.setdefault(
                f"organization:{seat.organization_id}",
                Voice(
                    key=f"organization:{seat.organization_id}",
                    holders=[],
                    organization=seat.organization,
                ),
            )
            if seat not in voice.seats:
                voice.seats.append(seat)
                voice.substitutes.extend(
                    p for p in substitutes[seat.pk] if p not in voice.substitutes
                )
        else:
            key = f"person:{membership.person_id}"
            voice = found.setdefault(key, Voice(key=key, holders=[]))
        if membership.person not in voice.holders:
            voice.holders.append(membership.person)
    # A person who sits for an organization speaks for it, not a second time for themselves.
    sitting = {p.pk for v in found.values() if v.organization for p in v.holders}
    result = [v for v in found.values() if v.organization or v.holders[0].pk not in sitting]
    return sorted(result, key=lambda v: (v.organization is None, v.name.lower()))


def speaker_in(voice_list: Sequence[Voice], person: Person) -> Speaker | None:
    """For whom `person` answers among `voice_list`: as a holder first, else as a substitute."""
    for voice in voice_list:
        if voice.holds(person.pk):
            seat = next((s for s in voice.seats if s.holder_id == person.pk), None)
            return Speaker(person=person, organization=voice.organization, seat=seat)
    for voice in voice_list:
        if voice.speaks(person.pk):
            seat = next(
                (s for s in voice.seats if any(p.pk == person.pk for p in voice.substitutes)),
                None,
            )
            return Speaker(
                person=person, organization=voice.organization, seat=seat, as_substitute=True
            )
    return None


@dataclass
class Tally:
    voices: list[Voice]
    consents: int = 0
    objections: int = 0
    waiting: int = 0
    # Answers from people who carry no voice here any more (left the group since).
    outside: list[Answer] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return self.consents + self.objections


def tally(voice_list: list[Voice], answers: Iterable[Answer]) -> Tally:
    """Each voice's counted answer: a holder's, else the earliest substitute's; the others are
    kept beside it, never counted twice."""
    by_voice: dict[str, list[Answer]] = {}
    outside: list[Answer] = []
    for answer in sorted(answers, key=lambda a: (a.created_at, a.pk)):
        voice = next((v for v in voice_list if v.holds(answer.person_id)), None) or next(
            (v for v in voice_list if v.speaks(answer.person_id)), None
        )
        if voice is None:
            outside.append(answer)
        else:
            by_voice.setdefault(voice.key, []).append(answer)
    result = Tally(voices=voice_list, outside=outside)
    for voice in voice_list:
        given = by_voice.get(voice.key, [])
        voice.answer = next((a for a in given if voice.holds(a.person_id)), None) or (
            given[0] if given else None
        )
        voice.others = [a for a in given if a is not voice.answer]
        if voice.answer is None:
            result.waiting += 1
        elif voice.answer.position == Position.OBJECTION:
            result.objections += 1
        else:
            result.consents += 1
    return result


def _changes(process: Process) -> list[StructuralChange]:
    """A process's structural changes, each with its `description` ("Create the workstream …")."""
    changes = list(StructuralChange.objects.filter(process=process))
    for change in changes:
        change.description = change_describe(change.change)  # type: ignore[attr-defined]
    return changes


def _rounds(process: Process) -> list[Round]:
    """A process's rounds in order, each with `answer_list` and `remark_list` (three queries)."""
    rounds: list[Round] = list(
        Round.objects.filter(process=process)
        .order_by("opened_at", "pk")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related(
                    "person", "organization", "recorded_by"
                ).order_by("created_at", "pk"),
                to_attr="answer_list",
            ),
            Prefetch(
                "remarks",
                queryset=Remark.objects.select_related("person", "recorded_by").order_by(
                    "created_at", "pk"
                ),
                to_attr="remark_list",
            ),
        )
    )
    return rounds


def answers_of(round_: Round) -> list[Answer]:
    """The answers of a round read by `_rounds`."""
    return cast("list[Answer]", round_.answer_list)  # type: ignore[attr-defined]


def person_of(viewer: Viewer) -> Person | None:
    if not isinstance(viewer, User):
        return None
    return Person.objects.filter(user_id=viewer.pk).first()


# Processes


def _process_visibility(viewer: Viewer) -> Q | None:
    """The processes `viewer` may see, as a condition; None for all of them."""
    if is_staff(viewer):
        return None
    public = Q(visibility=Visibility.PUBLIC) & ~Q(state=workflows.CONSENT.initial)
    if not isinstance(viewer, User):
        return public
    circles, workstreams = group_ids(viewer)
    inside = ~Q(state=workflows.CONSENT.initial) & (
        Q(circle_id__in=circles) | Q(workstream_id__in=workstreams)
    )
    return public | inside | Q(created_by_id=viewer.pk) | Q(facilitator_id=viewer.pk)


def visible_processes(viewer: Viewer) -> QuerySet[Process]:
    condition = _process_visibility(viewer)
    processes = Process.objects.all()
    return processes if condition is None else processes.filter(condition)


def process_list(
    *, viewer: Viewer, group: Circle | Workstream, page: int | str = 1
) -> Page[Process]:
    """The processes of a circle or workstream that `viewer` may see, newest first (two
    queries)."""
    processes = (
        visible_processes(viewer)
        .filter(**_group_filter(group))
        .select_related("facilitator", "created_by")
        .order_by("-created_at", "-pk")
    )
    return Paginator(processes, PAGE_SIZE).get_page(page)


@dataclass
class ProcessDetail:
    process: Process
    versions: list[ProposalVersion]
    rounds: list[Round]
    current: Round | None
    changes: list[StructuralChange]
    voices: list[Voice]
    tally: Tally | None
    transitions: list[Transition]
    speaker: Speaker | None
    my_answer: Answer | None
    may_amend: bool
    may_take_part: bool
    may_record: bool
    may_close: bool
    # Names of people (not of organizations) are for those who may see the network's people or
    # take part in the group: a public process or decision shows voices, not names, to others.
    show_people: bool

    @property
    def transition_keys(self) -> list[str]:
        return [t.key for t in self.transitions]


def process_detail(*, viewer: Viewer, pk: int) -> ProcessDetail | None:
    """A process with its versions, rounds (their questions, reactions and answers), the voices
    and the count of the open consent round, and what `viewer` may do; None when they may not
    see it. A fixed number of queries whatever the number of members and answers."""
    process = (
        visible_processes(viewer)
        .select_related("circle__parent", "workstream", "facilitator", "created_by", "escalated_to")
        .filter(pk=pk)
        .first()
    )
    if process is None:
        return None
    rounds = _rounds(process)
    current = next((r for r in rounds if r.is_open), None)
    voice_list = voices(process.group)
    consent_rounds = [r for r in rounds if r.kind == RoundKind.CONSENT]
    counted = current if current and current.kind == RoundKind.CONSENT else None
    counted = counted or (consent_rounds[-1] if consent_rounds else None)
    result = tally(voice_list, answers_of(counted)) if counted else None
    person = person_of(viewer)
    speaker = speaker_in(voice_list, person) if person else None
    my_answer = None
    if speaker and current and current.kind == RoundKind.CONSENT:
        my_answer = next(
            (a for a in answers_of(current) if a.person_id == speaker.person.pk),
            None,
        )
    roles = workflow_roles(viewer, process)
    available = workflows.CONSENT.available(process.state, roles)
    transitions = [
        t
        for t in available
        # Closing a round is one button (`close_round`); amending is its own form.
        if t.key not in {"consent", "object", "amend"}
    ]
    return ProcessDetail(
        process=process,
        versions=list(ProposalVersion.objects.filter(process=process).select_related("created_by")),
        rounds=rounds,
        current=current,
        changes=_changes(process),
        voices=voice_list,
        tally=result,
        transitions=transitions,
        speaker=speaker,
        my_answer=my_answer,
        may_amend=has_perm(viewer, "decisions.amend_proposal", process)
        and process.state in (*workflows.EDITABLE_STATES, "reactions"),
        may_take_part=speaker is not None and process.state not in workflows.CLOSED_STATES,
        may_record=has_perm(viewer, "decisions.record_answer", process),
        show_people=may_see_people(viewer, process),
        may_close=current is not None
        and current.kind == RoundKind.CONSENT
        and any(t.key == "consent" for t in available),
    )


def answers_awaited(*, viewer: Viewer, limit: int = 10) -> list[Process]:
    """The consent rounds open in the circles and workstreams `viewer` belongs to (in their
    own name) that they have not answered yet, the nearest deadline first (one query)."""
    if not isinstance(viewer, User):
        return []
    member = Membership.objects.filter(person__user_id=viewer.pk, ended_at__isnull=True)
    answered = Answer.objects.filter(
        round__process=OuterRef("pk"), round__closed_at__isnull=True, person__user_id=viewer.pk
    )
    return list(
        Process.objects.filter(state="consent_round")
        .filter(
            Exists(member.filter(circle_id=OuterRef("circle_id")))
            | Exists(member.filter(workstream_id=OuterRef("workstream_id")))
        )
        .exclude(Exists(answered))
        .select_related("circle", "workstream")
        .order_by(F("deadline").asc(nulls_last=True), "pk")[:limit]
    )


# The register


def _decision_visibility(viewer: Viewer) -> Q | None:
    if is_staff(viewer):
        return None
    public = Q(visibility=Visibility.PUBLIC)
    if not isinstance(viewer, User):
        return public
    circles, workstreams = group_ids(viewer)
    return public | Q(circle_id__in=circles) | Q(workstream_id__in=workstreams)


def visible_decisions(viewer: Viewer) -> QuerySet[Decision]:
    condition = _decision_visibility(viewer)
    decisions = Decision.objects.all()
    return decisions if condition is None else decisions.filter(condition)


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters. Full-text search, territories, strategies and dates come next,
    each one more condition here."""

    circle: Circle | None = None
    workstream: Workstream | None = None
    kind: str = ""


def register(
    *, viewer: Viewer, filters: RegisterFilters | None = None, page: int | str = 1
) -> Page[Decision]:
    """The decisions `viewer` may read, newest first, 25 to a page (two or three queries)."""
    filters = filters or RegisterFilters()
    decisions = visible_decisions(viewer)
    if filters.circle is not None:
        decisions = decisions.filter(circle=filters.circle)
    if filters.workstream is not None:
        decisions = decisions.filter(workstream=filters.workstream)
    if filters.kind:
        decisions = decisions.filter(kind=filters.kind)
    decisions = decisions.select_related("circle", "workstream").order_by("-decided_at", "-pk")
    return Paginator(decisions, PAGE_SIZE).get_page(page)


@dataclass
class MyProcesses:
    """For the register's page: the viewer's circles and workstreams (each leading to its
    processes) and the processes under way in them."""

    circles: list[Circle]
    workstreams: list[Workstream]
    running: list[Process]


def my_processes(*, viewer: Viewer, limit: int = 10) -> MyProcesses:
    """At most four queries, none for an anonymous visitor."""
    if not isinstance(viewer, User):
        return MyProcesses([], [], [])
    circle_ids, workstream_ids = group_ids(viewer)
    closed = [*workflows.CLOSED_STATES, workflows.CONSENT.initial]
    running = (
        visible_processes(viewer)
        .filter(Q(circle_id__in=circle_ids) | Q(workstream_id__in=workstream_ids))
        .exclude(state__in=closed)
        .select_related("circle", "workstream")
        .order_by("-state_changed_at", "-pk")[:limit]
    )
    return MyProcesses(
        circles=list(Circle.objects.filter(pk__in=circle_ids).order_by("name")),
        workstreams=list(Workstream.objects.filter(pk__in=workstream_ids).order_by("name")),
        running=list(running) if circle_ids or workstream_ids else [],
    )


def may_see_people(viewer: Viewer, subject: Process | Decision) -> bool:
    return has_perm(viewer, "network.view_people") or has_perm(
        viewer, "decisions.view_processes", subject
    )


@dataclass
class DecisionDetail:
    decision: Decision
    process: Process
    rounds: list[Round]
    versions: list[ProposalVersion]
    changes: list[StructuralChange]
    show_people: bool


def decision_detail(*, viewer: Viewer, pk: int) -> DecisionDetail | None:
    """A decision with the rounds of its process (questions, reactions, answers), the versions
    of its proposal and its structural changes; None when `viewer` may not read it."""
    decision = (
        visible_decisions(viewer)
        .select_related("circle", "workstream", "process__facilitator", "process__created_by")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        return None
    process = decision.process
    rounds = _rounds(process)
    return DecisionDetail(
        decision=decision,
        process=process,
        rounds=rounds,
        versions=list(ProposalVersion.objects.filter(process=process)),
        changes=_changes(process),
        show_people=may_see_people(viewer, decision),
    )
