"""Writes of the territories app: loading a region's facts and importing boundaries.

Both are operator actions: they run as one transaction, so a bad file changes nothing, and write one
audit event when they changed something. Running them again with the same files changes nothing and
records nothing. `actor=SYSTEM` (commands, the demo loader) may run them; any other actor
needs the `territories.manage` permission.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import require
from maillage.territories import geodata, regiondata
from maillage.territories.models import LEVEL_OF_TYPE, Boundary, Territory, TerritoryType
from maillage.territories.regiondata import TerritoryDataError
from maillage.territories.verbs import TerritoryVerb

SUPRALOCAL_TYPES = (TerritoryType.MRC, TerritoryType.EQUIVALENT)
LOCAL_TYPES = (TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE)
QUEBEC_NAME = "Québec"


@dataclass
class RegionLoadReport:
    region: Territory
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass
class BoundaryImportReport:
    imported: int = 0  # territories whose boundary the file provides (new, changed or identical)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # features whose territory is not loaded
    outside_region: int = 0  # features of other regions, left out by `region_code`
    outlines: list[str] = field(default_factory=list)  # regions outlined from their MRCs
    outlines_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.outlines_changed)


def _require_manager(actor: Actor) -> None:
    require(actor, "territories.manage")


def _recorded[R: RegionLoadReport | BoundaryImportReport](
    actor: Actor, verb: TerritoryVerb, region: Territory | None, report: R, payload: dict[str, Any]
) -> R:
    """One audit event when something changed; a run that changed nothing records nothing."""
    if report.changed:
        audit.record(actor=actor, verb=verb, target=region, payload=payload)
    return report


def _group(kind: str) -> str:
    """Codes are unique within a level, so a territory whose type changes (MRC → TÉ) is found."""
    if kind in SUPRALOCAL_TYPES:
        return "supralocal"
    if kind in LOCAL_TYPES:
        return "local"
    return kind


class _Upserter:
    """Creates or updates territories, counting what changed and keeping slugs unique."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.existing = {
            (_group(t.type), t.code): t for t in Territory.objects.filter(code__in=set(codes))
        }
        self.slugs = set(Territory.objects.values_list("slug", flat=True))
        self.created = self.updated = self.unchanged = 0

    def slug_for(self, name: str, code: str) -> str:
        # Apostrophes separate words in French names: "L'Île-d'Orléans" → "l-ile-d-orleans".
        base = slugify(re.sub(r"['’]", "-", name))[:190].strip("-") or "territoire"
        candidates = [base, f"{base}-{code.lower()}"]
        candidates += [f"{base}-{code.lower()}-{n}" for n in range(2, 100)]
        slug = next(c for c in candidates if c not in self.slugs)
        self.slugs.add(slug)
        return slug

    def upsert(
        self,
        *,
        kind: TerritoryType,
        code: str,
        name: str,
        parent: Territory | None,
        population: int | None = None,
        subtype: str = "",
        secondary_code: str = "",
    ) -> Territory:
        values: dict[str, Any] = {
            "type": kind,
            "code": code,
            "name": name,
            "level": LEVEL_OF_TYPE[kind],
            "parent_id": parent.pk if parent else None,
            "population": population,
            "population_year": regiondata.CENSUS_YEAR if population is not None else None,
            "subtype": subtype,
            "secondary_code": secondary_code,
        }
        territory = self.existing.get((_group(kind), code))
        if territory is None:
            territory = Territory.objects.create(slug=self.slug_for(name, code), **values)
            self.existing[(_group(kind), code)] = territory
            self.created += 1
            return territory
        changed = [key for key, value in values.items() if getattr(territory, key) != value]
        if changed:
            for key in changed:
                setattr(territory, key, values[key])
            territory.save(update_fields=[key.removesuffix("_id") for key in changed])
            self.updated += 1
        else:
            self.unchanged += 1
        return territory


@transaction.atomic
def region_load(
    *,
    actor: Actor,
    region_code: str,
    directory: Path | str | None = None,
    regions_file: Path | str | None = None,
) -> RegionLoadReport:
    """Create or update Québec, one region, its MRCs / equivalent territories and municipalities.

    The facts come from the bundled fixtures (`fixtures/regions/<code>/`) or from `directory`, in
    the same format. Raises TerritoryDataError, naming the file and line, before writing anything.
    """
    _require_manager(actor)
    data = regiondata.read_region(
        region_code=region_code, directory=directory, regions_file=regions_file
    )
    codes = [regiondata.QUEBEC_CODE, data.region.code]
    codes += [m.code for m in data.mrcs] + [m.code for m in data.municipalities]
    upserter = _Upserter(codes)
    quebec = upserter.upsert(
        kind=TerritoryType.PROVINCE, code=regiondata.QUEBEC_CODE, name=QUEBEC_NAME, parent=None
    )
    region = upserter.upsert(
        kind=TerritoryType.REGION,
        code=data.region.code,
        name=data.region.name,
        parent=quebec,
        population=data.region.population,
    )
    mrcs = {
        mrc.code: upserter.upsert(
            kind=mrc.type,
            code=mrc.code,
            name=mrc.name,
            parent=region,
            population=mrc.population,
            secondary_code=mrc.mamh_code,
        )
        for mrc in data.mrcs
    }
    for municipality in data.municipalities:
        upserter.upsert(
            kind=municipality.type,
            code=municipality.code,
            name=municipality.name,
            parent=mrcs[municipality.parent_code],
            population=municipality.population,
            subtype=municipality.subtype,
            secondary_code=municipality.mamh_code,
        )
    report = RegionLoadReport(
        region=region,
        created=upserter.created,
        updated=upserter.updated,
        unchanged=upserter.unchanged,
    )
    payload = {
        "region": region.code,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "mrcs": len(data.mrcs),
        "municipalities": len(data.municipalities),
    }
    return _recorded(actor, TerritoryVerb.REGION_LOADED, region, report, payload)


def _store_boundary(
    territory: Territory, geometry: Any, source: str, existing: Boundary | None
) -> str:
    """Save one outline; answer "created", "updated" or "unchanged"."""
    geojson = geodata.to_geojson(geometry)
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if existing is not None and existing.geometry == geojson and existing.source == source:
        return "unchanged"
    boundary = existing or Boundary(territory=territory)
    boundary.geometry = geojson
    boundary.min_lon, boundary.min_lat, boundary.max_lon, boundary.max_lat = (
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    )
    boundary.source = source[:255]
    boundary.save()
    return "updated" if existing is not None else "created"


@transaction.atomic
def region_boundaries_load(
    *, actor: Actor, region_code: str, directory: Path | str | None = None
) -> BoundaryImportReport | None:
    """Store the boundaries shipped with a region's facts (its folder's `boundaries.geojson`),
    credited to their source; None when the region ships none. Safe to run again."""
    found = regiondata.bundled_boundaries(region_code, directory)
    if found is None:
        return None
    path, source = found
    return boundaries_import(
        actor=actor,
        data=path.read_bytes(),
        region_code=regiondata.normalize_region_code(region_code),
        source=source,
    )


def boundaries_import(
    *,
    actor: Actor,
    data: str | bytes,
    region_code: str | None = None,
    tolerance: float = geodata.DEFAULT_TOLERANCE,
    source: str = "",
) -> BoundaryImportReport:
    """Store the outlines of loaded MRCs / equivalent territories from a GeoJSON file.

    Features are matched by CDUID when present, else by MAMH MRC code; features of territories that
    are not loaded are skipped and counted. With `region_code`, features of other regions are left
    out. When every MRC of a region has an outline, the region's outline is their union. A broken
    file raises TerritoryDataError and changes nothing.
    """
    _require_manager(actor)
    if tolerance < 0:
        raise TerritoryDataError(_("The simplification tolerance cannot be negative."))
    features = geodata.parse_features(data)
    candidates = Territory.objects.filter(type__in=SUPRALOCAL_TYPES).select_related("parent")
    region = None
    if region_code is not None:
        region_code = regiondata.normalize_region_code(region_code)
        region = Territory.objects.filter(type=TerritoryType.REGION, code=region_code).first()
        if region is None:
            raise TerritoryDataError(
                _("Region %(code)s is not loaded: run load_region %(code)s first.")
                % {"code": region_code}
            )
        candidates = candidates.filter(parent=region)
    by_cduid = {t.code: t for t in candidates}
    by_mrc_code = {
        geodata.normalize_code(t.secondary_code): t for t in by_cduid.values() if t.secondary_code
    }

    report = BoundaryImportReport()
    matched: dict[int, tuple[Territory, list[Any]]] = {}
    for feature in features:
        if region_code and feature.region_code and feature.region_code != region_code:
            report.outside_region += 1
            continue
        territory = by_cduid.get(feature.cduid) if feature.cduid else None
        territory = territory or by_mrc_code.get(feature.mrc_code)
        if territory is None:
            report.skipped.append(
                f"{feature.number} ({feature.name})" if feature.name else str(feature.number)
            )
            continue
        # Some territories come in several features (islands): their union is the outline.
        matched.setdefault(territory.pk, (territory, []))[1].append(feature.geometry)
    if not matched:
        where = _(" of region %(code)s") % {"code": region_code} if region_code else ""
        raise TerritoryDataError(
            _(
                "No feature of the file matches a loaded MRC or equivalent territory%(where)s; "
                "load the region first (load_region) or check the file."
            )
            % {"where": where}
        )

    territories = [territory for territory, _geometries in matched.values()]
    outlines = geodata.simplify(
        [geodata.union(geometries) for _territory, geometries in matched.values()], tolerance
    )
    existing = {b.territory_id: b for b in Boundary.objects.filter(territory__in=territories)}
    for territory, outline in zip(territories, outlines, strict=True):
        outcome = _store_boundary(territory, outline, source, existing.get(territory.pk))
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.imported += 1

    for parent in {t.parent for t in territories if t.parent is not None}:
        _store_region_outline(parent, source, report)

    payload = {
        "source": source,
        "region": region_code or "",
        "imported": report.imported,
        "created": report.created,
        "updated": report.updated,
        "skipped": len(report.skipped),
        "outside_region": report.outside_region,
        "outlines": report.outlines,
        "tolerance": tolerance,
    }
    return _recorded(actor, TerritoryVerb.BOUNDARIES_IMPORTED, region, report, payload)


def _store_region_outline(region: Territory, source: str, report: BoundaryImportReport) -> None:
    """The region's outline is the union of its MRCs', once all of them have one."""
    expected = region.children.filter(type__in=SUPRALOCAL_TYPES).count()
    shapes = list(
        Boundary.objects.filter(territory__parent=region, territory__type__in=SUPRALOCAL_TYPES)
    )
    if not expected or len(shapes) != expected:
        return
    outline = geodata.union([geodata.from_geojson(b.geometry) for b in shapes])
    existing = Boundary.objects.filter(territory=region).first()
    if _store_boundary(region, outline, source, existing) != "unchanged":
        report.outlines_changed += 1
    report.outlines.append(region.code)
