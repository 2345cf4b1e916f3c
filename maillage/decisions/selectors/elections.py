"""An election's page: its role and term, the nominations the viewer may read, the proposal and
the consent round on it, and what the viewer may do."""

from __future__ import annotations

from dataclasses import dataclass, field

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.workflows import Transition
from maillage.decisions import workflows
from maillage.decisions.models import (
    Answer,
    Election,
    Nomination,
    NominationPhase,
    Process,
    Round,
    RoundKind,
)
from maillage.decisions.rules import workflow_roles
from maillage.decisions.selectors._common import _rounds, answers_of, may_see_people, person_of
from maillage.decisions.selectors.processes import visible_processes
from maillage.decisions.selectors.rounds import Speaker, Tally, Voice, speaker_in, tally, voices
from maillage.network.models import Person

# The steps with their own form on the election's page.
OWN_FORM = frozenset({"propose", "elect", "object"})


@dataclass
class NomineeCount:
    person: Person
    first: int = 0
    current: int = 0


@dataclass
class ElectionDetail:
    process: Process
    election: Election
    rounds: list[Round]
    current: Round | None
    voices: list[Voice]
    tally: Tally | None
    transitions: list[Transition]
    speaker: Speaker | None
    my_answer: Answer | None
    # The nominations the viewer may read: their own while nominations are given (so the
    # others' are not swayed), all of them once they are read out.
    nominations: list[Nomination]
    changes: list[Nomination]
    counts: list[NomineeCount] = field(default_factory=list)
    my_nomination: Nomination | None = None
    may_nominate: bool = False
    may_record: bool = False
    may_propose: bool = False
    may_close: bool = False
    show_people: bool = False

    @property
    def nominations_public(self) -> bool:
        return self.process.state not in {"draft", "nominating"}


def _counts(nominations: list[Nomination], changes: list[Nomination]) -> list[NomineeCount]:
    """How often each person was named at first, and once the changes are counted."""
    found: dict[int, NomineeCount] = {}
    changed = {c.nominator_id: c for c in changes}
    for nomination in nominations:
        found.setdefault(nomination.nominee_id, NomineeCount(nomination.nominee)).first += 1
        final = changed.get(nomination.nominator_id, nomination)
        found.setdefault(final.nominee_id, NomineeCount(final.nominee)).current += 1
    return sorted(found.values(), key=lambda c: (-c.current, -c.first, str(c.person)))


def election_detail(*, viewer: Viewer, pk: int) -> ElectionDetail | None:
    """An election with what `viewer` may read and do; None when they may not see it. A fixed
    number of queries whatever the number of members, nominations and answers."""
    process = (
        visible_processes(viewer)
        .filter(pk=pk, kind="election")
        .select_related("circle", "workstream", "facilitator", "created_by")
        .first()
    )
    if process is None:
        return None
    election = Election.objects.select_related("role", "candidate", "assignment").get(
        process=process
    )
    rounds = _rounds(process)
    current = next((r for r in rounds if r.is_open), None)
    voice_list = voices(process.group)
    consent_rounds = [r for r in rounds if r.kind == RoundKind.CONSENT]
    counted = current or (consent_rounds[-1] if consent_rounds else None)
    result = tally(voice_list, answers_of(counted)) if counted else None
    person = person_of(viewer)
    speaker = speaker_in(voice_list, person) if person else None
    my_answer = (
        next((a for a in answers_of(current) if a.person_id == speaker.person.pk), None)
        if speaker and current
        else None
    )
    all_nominations = list(
        Nomination.objects.filter(process=process)
        .select_related("nominator", "nominee", "recorded_by")
        .order_by("created_at", "pk")
    )
    public = process.state not in {"draft", "nominating"}
    mine = [n for n in all_nominations if speaker and n.nominator_id == speaker.person.pk]
    readable = all_nominations if public else mine
    first = [n for n in readable if n.phase == NominationPhase.NOMINATION]
    changes = [n for n in readable if n.phase == NominationPhase.CHANGE]
    phase = {"nominating": NominationPhase.NOMINATION, "change_round": NominationPhase.CHANGE}
    my_nomination = next((n for n in mine if n.phase == phase.get(process.state)), None) or next(
        (n for n in mine if n.phase == NominationPhase.NOMINATION), None
    )
    roles = workflow_roles(viewer, process)
    available = workflows.ELECTION.available(process.state, roles)
    return ElectionDetail(
        process=process,
        election=election,
        rounds=rounds,
        current=current,
        voices=voice_list,
        tally=result,
        transitions=[t for t in available if t.key not in OWN_FORM],
        speaker=speaker,
        my_answer=my_answer,
        nominations=first,
        changes=changes,
        counts=_counts(first, changes) if public else [],
        my_nomination=my_nomination,
        may_nominate=speaker is not None and process.state in phase,
        may_record=process.state in phase and has_perm(viewer, "decisions.record_answer", process),
        may_propose=any(t.key == "propose" for t in available),
        may_close=current is not None
        and current.kind == RoundKind.CONSENT
        and any(t.key == "elect" for t in available),
        show_people=may_see_people(viewer, process),
    )
