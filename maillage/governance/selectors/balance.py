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
    by_sector: list[BalanceRow]  # every sector, zeros included, in the sectors' order
    by_level: list[BalanceRow]  # every level (palier)
    by_territory: list[BalanceRow]  # the region's MRCs (zeros included), then others
    region_wide: int  # members sitting for organizations that serve the whole region
    without_organization: int
    missing_sectors: list[Sector]
    missing_territories: list[Territory]

    @property
    def largest(self) -> int:
        counts = [r.count for r in (*self.by_sector, *self.by_level, *self.by_territory)]
        return max(counts, default=0)


def intersectoral_balance(
    *, viewer: Viewer, circle: Circle | None = None, workstream: Workstream | None = None
) -> Balance | None:
    """Who sits in a circle or workstream, by sector, level (palier) and territory (MRC) of the
    organizations they sit for, and which sectors and MRCs of the region are missing.

    A person counts once per bucket, and may count in several sectors or MRCs. Eight queries,
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
    return _balance(people, found.organizations)


def _balance(people: dict[int, set[int]], organizations: dict[int, Organization]) -> Balance:
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
    sectors = list(Sector.objects.order_by("position", "name_fr"))
    by_sector = [BalanceRow(s.key, s.name, len(sector_people[s.pk]), s) for s in sectors]
    by_level = [BalanceRow(key, str(label), len(level_people[key])) for key, label in Level.choices]
    home = region_mrcs()
    home_ids = {t.pk for t in home}
    by_territory = [BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t) for t in home]
    by_territory += sorted(
        (
            BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t)
            for pk, t in mrcs.items()
            if pk not in home_ids
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
        missing_territories=[t for t in home if not mrc_people[t.pk]],
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
