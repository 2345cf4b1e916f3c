"""The processes a viewer may see, a process's page, the answers awaited from a person."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.rules import is_staff
from maillage.core.workflows import Transition
from maillage.decisions import workflows
from maillage.decisions.models import (
    Advice,
    AdviceRequest,
    Answer,
    Nomination,
    NominationPhase,
    Process,
    ProcessKind,
    ProposalVersion,
    Round,
    RoundKind,
    StructuralChange,
    Visibility,
    Vote,
)
from maillage.decisions.paths import process_path
from maillage.decisions.rules import group_ids, workflow_roles
from maillage.decisions.selectors._common import (
    PAGE_SIZE,
    _changes,
    _group_filter,
    _rounds,
    answers_of,
    may_see_people,
    person_of,
)
from maillage.decisions.selectors.rounds import Speaker, Tally, Voice, speaker_in, tally, voices
from maillage.governance.models import Circle, Membership, Workstream


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
    """What awaits `viewer`'s own answer, the nearest deadline first (one query): the consent
    rounds (of a proposal or of an election's proposal), the open polls and the elections taking
    nominations of the circles and workstreams they belong to, and the advice processes that ask
    them (by name or through a circle) for advice they have not given. Each process carries its
    page's path (`page`)."""
    if not isinstance(viewer, User):
        return []
    member = Membership.objects.filter(person__user_id=viewer.pk, ended_at__isnull=True)
    mine = {"person__user_id": viewer.pk}
    answered = Answer.objects.filter(
        round__process=OuterRef("pk"), round__closed_at__isnull=True, **mine
    )
    voted = Vote.objects.filter(poll__process=OuterRef("pk"), **mine)
    nominated = Nomination.objects.filter(
        process=OuterRef("pk"), phase=NominationPhase.NOMINATION, nominator__user_id=viewer.pk
    )
    asked = AdviceRequest.objects.filter(process=OuterRef("pk")).filter(
        Q(**mine) | Q(circle_id__in=member.filter(circle__isnull=False).values("circle_id"))
    )
    advised = Advice.objects.filter(process=OuterRef("pk"), **mine)
    in_group = Exists(member.filter(circle_id=OuterRef("circle_id"))) | Exists(
        member.filter(workstream_id=OuterRef("workstream_id"))
    )
    awaited: list[Process] = list(
        Process.objects.filter(
            (
                in_group
                & (
                    (Q(state__in=("consent_round", "consenting")) & ~Exists(answered))
                    | (Q(kind=ProcessKind.POLL, state="open") & ~Exists(voted))
                    | (Q(kind=ProcessKind.ELECTION, state="nominating") & ~Exists(nominated))
                )
            )
            | (Q(kind=ProcessKind.ADVICE, state="seeking") & Exists(asked) & ~Exists(advised))
        )
        .annotate(due=Coalesce("deadline", "poll__closes_at"))
        .select_related("circle", "workstream")
        .order_by(F("due").asc(nulls_last=True), "pk")[:limit]
    )
    for process in awaited:
        process.page = process_path(process)  # type: ignore[attr-defined]
    return awaited


@dataclass
class MyProcesses:
    """For the register's page: the viewer's circles and workstreams (each leading to its
    processes) and the processes under way in them."""

    circles: list[Circle]
    workstreams: list[Workstream]
    running: list[Process]


def my_processes(
    *, viewer: Viewer, limit: int = 10, groups: tuple[set[int], set[int]] | None = None
) -> MyProcesses:
    """At most four queries (three when `groups` gives `rules.group_ids`), none for an
    anonymous visitor."""
    if not isinstance(viewer, User):
        return MyProcesses([], [], [])
    circle_ids, workstream_ids = groups if groups is not None else group_ids(viewer)
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
