"""Who takes part, and with what voice: the current members of the process's circle or workstream
(role holders through their memberships). A member who sits for an organization (the seat of the
membership, or of the role that makes it) gives that organization its voice; the seat's
substitutes may answer for it. An organization has one voice: its holder's answer counts, else
the first substitute's; a member without a seat has a voice of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch

from maillage.decisions.models import (
    Answer,
    Position,
)
from maillage.decisions.rules import _open_seat
from maillage.decisions.selectors._common import _group_filter
from maillage.governance.models import Circle, Membership, Workstream
from maillage.network.models import Organization, Person, Seat


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
