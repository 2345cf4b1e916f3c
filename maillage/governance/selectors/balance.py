"""The intersectoral balance of a circle or a workstream."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.governance.models import Circle, Membership, Workstream
from maillage.governance.selectors._common import _kind
from maillage.governance.selectors.people import _affiliations
from maillage.network.models import Organization, Sector
from maillage.territories.models import Level, Territory, TerritoryType

SUPRALOCAL = (TerritoryType.MRC, TerritoryType.EQUIVALENT)
LOCAL = (TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE)


@dataclass
class BalanceRow:
    key: str
    label: str
    count: int
    obj: Any = None


@dataclass
class Balance:
    total: int  # current members (people, counted once)
    by_sector: list[BalanceRow]  # the sectors expected (zeros included), then any other present
    by_level: list[BalanceRow]  # every level (palier)
    by_territory: list[BalanceRow]  # the MRCs the group covers (zeros included), then others
    region_wide: int  # members sitting for organizations that serve the whole region
    without_organization: int
    missing_sectors: list[Sector]
    missing_territories: list[Territory]
    # What the balance is measured against: the group's own territories and sectors, or, when it
    # names none, every MRC of the region and every sector.
    territories_named: bool = False
    sectors_named: bool = False

    @property
    def largest(self) -> int:
        counts = [r.count for r in (*self.by_sector, *self.by_level, *self.by_territory)]
        return max(counts, default=0)


def intersectoral_balance(
    *, viewer: Viewer, circle: Circle | None = None, workstream: Workstream | None = None
) -> Balance | None:
    """Who sits in a circle or workstream, by sector, level (palier) and territory (MRC) of the
    organizations they sit for, and which of the sectors and MRCs the group covers are missing.

    A person counts once per bucket, and may count in several sectors or MRCs. Eleven queries,
    whatever the number of members.
    """
    group: Circle | Workstream | None = circle or workstream
    if group is None:
        return None
    permission = "governance.view_circle" if circle else "governance.view_workstream"
    if not has_perm(viewer, permission, group):
        return None
    memberships = list(
        Membership.objects.filter(ended_at__isnull=True, **{_kind(group): group}).select_related(
            "seat", "assignment__seat"
        )
    )
    found = _affiliations(memberships)
    people: dict[int, set[int]] = defaultdict(set)
    for (_g, _pk, person_id), organization_ids in found.by_member.items():
        people[person_id] |= organization_ids
    territories = list(group.territories.select_related("parent"))
    sectors = list(group.sectors.all())
    return _balance(
        people,
        found.organizations,
        covered=covered_mrcs(territories),
        expected_sectors=sectors,
        territories_named=bool(territories),
    )


def covered_mrcs(territories: list[Territory]) -> list[Territory]:
    """The MRCs / equivalent territories that `territories` cover: a municipality its MRC, a
    region (or Québec) all of its MRCs; none named, the region this instance serves."""
    if not territories:
        return region_mrcs()
    from maillage.territories.selectors import sort_key

    found: dict[int, Territory] = {}
    wide = [t for t in territories if t.type in (TerritoryType.REGION, TerritoryType.PROVINCE)]
    if any(t.type == TerritoryType.PROVINCE for t in wide):
        found.update((t.pk, t) for t in region_mrcs())
    regions = [t for t in wide if t.type == TerritoryType.REGION]
    if regions:
        found.update(
            (t.pk, t) for t in Territory.objects.filter(type__in=SUPRALOCAL, parent__in=regions)
        )
    for territory in territories:
        mrc = _mrc_of(territory)
        if mrc is not None:
            found[mrc.pk] = mrc
    return sorted(found.values(), key=lambda t: sort_key(t.name))


def _balance(
    people: dict[int, set[int]],
    organizations: dict[int, Organization],
    *,
    covered: list[Territory],
    expected_sectors: list[Sector],
    territories_named: bool,
) -> Balance:
    sector_people: dict[int, set[int]] = defaultdict(set)
    level_people: dict[str, set[int]] = defaultdict(set)
    mrc_people: dict[int, set[int]] = defaultdict(set)
    mrcs: dict[int, Territory] = {}
    region_wide: set[int] = set()
    without = 0
    for person_id, organization_ids in people.items():
        if not organization_ids:
            without += 1
        for organization_id in organization_ids:
            organization = organizations[organization_id]
            level_people[organization.level].add(person_id)
            for sector in organization.sectors.all():
                sector_people[sector.pk].add(person_id)
            for territory in organization.territories.all():
                mrc = _mrc_of(territory)
                if mrc is not None:
                    mrcs[mrc.pk] = mrc
                    mrc_people[mrc.pk].add(person_id)
                elif territory.type == TerritoryType.REGION:
                    region_wide.add(person_id)
    every_sector = list(Sector.objects.order_by("position", "name_fr"))
    expected_ids = {s.pk for s in expected_sectors} or {s.pk for s in every_sector}
    by_sector = [
        BalanceRow(s.key, s.name, len(sector_people[s.pk]), s)
        for s in every_sector
        if s.pk in expected_ids
    ]
    by_sector += [
        BalanceRow(s.key, s.name, len(sector_people[s.pk]), s)
        for s in every_sector
        if s.pk not in expected_ids and sector_people[s.pk]
    ]
    by_level = [BalanceRow(key, str(label), len(level_people[key])) for key, label in Level.choices]
    covered_ids = {t.pk for t in covered}
    by_territory = [BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t) for t in covered]
    by_territory += sorted(
        (
            BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t)
            for pk, t in mrcs.items()
            if pk not in covered_ids
        ),
        key=lambda r: r.label,
    )
    return Balance(
        total=len(people),
        by_sector=by_sector,
        by_level=by_level,
        by_territory=by_territory,
        region_wide=len(region_wide),
        without_organization=without,
        missing_sectors=[r.obj for r in by_sector if r.count == 0],
        missing_territories=[t for t in covered if not mrc_people[t.pk]],
        territories_named=territories_named,
        sectors_named=bool(expected_sectors),
    )


def _mrc_of(territory: Territory) -> Territory | None:
    if territory.type in SUPRALOCAL:
        return territory
    if territory.type in LOCAL and territory.parent is not None:
        return territory.parent if territory.parent.type in SUPRALOCAL else None
    return None


def region_mrcs() -> list[Territory]:
    """The MRCs and equivalent territories of the region this instance serves."""
    from maillage.territories.selectors import sort_key

    mrcs = Territory.objects.filter(
        type__in=SUPRALOCAL,
        parent__type=TerritoryType.REGION,
        parent__code=settings.MAILLAGE_REGION_CODE,
    )
    return sorted(mrcs, key=lambda t: sort_key(t.name))
