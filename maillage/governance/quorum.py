"""Quorum: whether those present at a meeting (or answering a decision) are enough for the
circle or workstream to hold it, and, when they are not, why.

A pure function of what it is given (no database): the group's rules (`QuorumRule`, read from
`models.QuorumRules` by `rule_of`) and who is present (`Present`: a person, the organizations
whose seats they hold or fill in for, the sectors of those organizations). A seat counts once
however many of its people are present (the holder and a substitute), and a sector counts when
any organization present belongs to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from maillage.governance.models._common import QuorumRules


@dataclass(frozen=True)
class SectorRef:
    id: int
    name: str


@dataclass(frozen=True)
class QuorumRule:
    seats: int = 0
    sectors: int = 0
    required: tuple[SectorRef, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.seats or self.sectors or self.required)


@dataclass(frozen=True)
class Present:
    person_id: int
    organization_ids: frozenset[int] = frozenset()
    sector_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class QuorumResult:
    rule: QuorumRule
    people: int
    seats: int
    sectors: int
    reasons: tuple[str, ...] = field(default=())

    @property
    def met(self) -> bool:
        return not self.reasons


def rule_of(group: QuorumRules) -> QuorumRule:
    """The quorum rules of a circle or a workstream (its required sectors read through
    `quorum_required_sectors.all()`: prefetch them on a list)."""
    return QuorumRule(
        seats=group.quorum_seats,
        sectors=group.quorum_sectors,
        required=tuple(
            SectorRef(s.pk, s.name)
            for s in sorted(group.quorum_required_sectors.all(), key=lambda s: s.position)
        ),
    )


def quorum(rule: QuorumRule, present: Iterable[Present]) -> QuorumResult:
    """Whether `present` meet `rule`, with the reasons (translated) when they do not."""
    people: set[int] = set()
    organizations: set[int] = set()
    sectors: set[int] = set()
    for one in present:
        people.add(one.person_id)
        organizations |= one.organization_ids
        sectors |= one.sector_ids
    reasons: list[str] = []
    if len(organizations) < rule.seats:
        reasons.append(
            ngettext(
                "%(present)s seat represented out of %(required)s required",
                "%(present)s seats represented out of %(required)s required",
                len(organizations),
            )
            % {"present": len(organizations), "required": rule.seats}
        )
    if len(sectors) < rule.sectors:
        reasons.append(
            ngettext(
                "%(present)s sector present out of %(required)s required",
                "%(present)s sectors present out of %(required)s required",
                len(sectors),
            )
            % {"present": len(sectors), "required": rule.sectors}
        )
    reasons += [
        gettext("sector “%(name)s” absent") % {"name": sector.name}
        for sector in rule.required
        if sector.id not in sectors
    ]
    return QuorumResult(
        rule=rule,
        people=len(people),
        seats=len(organizations),
        sectors=len(sectors),
        reasons=tuple(reasons),
    )


def describe(rule: QuorumRule) -> Sequence[str]:
    """The rules in words, for a group's page and a meeting's."""
    lines: list[str] = []
    if rule.seats:
        lines.append(
            ngettext(
                "at least %(count)s seat represented",
                "at least %(count)s seats represented",
                rule.seats,
            )
            % {"count": rule.seats}
        )
    if rule.sectors:
        lines.append(
            ngettext(
                "at least %(count)s sector present",
                "at least %(count)s sectors present",
                rule.sectors,
            )
            % {"count": rule.sectors}
        )
    lines += [gettext("the sector “%(name)s” present") % {"name": s.name} for s in rule.required]
    return lines
