"""Reading boundary files (GeoJSON) and preparing their geometries, with no database access.

The layout is that of Données Québec's *Découpages administratifs* MRC layer: a FeatureCollection
in WGS84 longitude/latitude whose features carry `MRS_CO_MRC` (MAMH MRC code), `MRS_NM_MRC` (name),
`MRS_CO_REG` (region code) and, optionally, `CDUID` (Statistics Canada census division code).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from maillage.territories.regiondata import TerritoryDataError

DEFAULT_TOLERANCE = (
    0.001  # degrees, about 100 m: invisible on a regional map, a third of the points
)
PRECISION = 0.00001  # degrees, about 1 m: the grid stored coordinates are snapped to
POLYGONAL = {"Polygon", "MultiPolygon"}
# CRS names meaning WGS84 longitude/latitude; a projected file (e.g. Québec Lambert) is refused.
LONLAT_CRS = ("CRS84", "EPSG::4326", "EPSG:4326")


@dataclass(frozen=True)
class Feature:
    number: int  # 1-based position in the file, for messages
    name: str
    mrc_code: str  # MAMH code, normalized ("015" → "15")
    cduid: str
    region_code: str  # "03", or "" when the feature does not say
    geometry: Any  # a valid shapely Polygon or MultiPolygon


def normalize_code(value: Any) -> str:
    """Codes arrive as strings or numbers, sometimes zero-padded: compare them as numbers."""
    text = str(value).strip() if value is not None else ""
    return str(int(text)) if text.isdigit() else text


def parse_features(data: str | bytes) -> list[Feature]:
    """Parse and check a FeatureCollection; raise TerritoryDataError saying what is wrong."""
    try:
        document = json.loads(data)
    except (ValueError, TypeError) as error:
        raise TerritoryDataError(
            _("The file is not valid JSON (%(error)s).") % {"error": error}
        ) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise TerritoryDataError(_("The file is not a GeoJSON FeatureCollection."))
    _check_crs(document.get("crs"))
    raw_features = document.get("features")
    if not isinstance(raw_features, list) or not raw_features:
        raise TerritoryDataError(_("The FeatureCollection has no features."))
    return [_feature(number, raw) for number, raw in enumerate(raw_features, start=1)]


def _check_crs(crs: Any) -> None:
    if crs is None:
        return  # RFC 7946: no crs member means WGS84 longitude/latitude
    name = str(crs.get("properties", {}).get("name", "")) if isinstance(crs, dict) else ""
    if not name.upper().endswith(LONLAT_CRS):
        raise TerritoryDataError(
            _(
                "The file uses the coordinate system “%(crs)s”; convert it to WGS84 "
                "longitude/latitude (EPSG:4326) first."
            )
            % {"crs": name or crs}
        )


def _feature(number: int, raw: Any) -> Feature:
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        raise TerritoryDataError(
            _("Feature %(number)d is not a GeoJSON Feature.") % {"number": number}
        )
    properties = raw.get("properties") or {}
    if not isinstance(properties, dict):
        raise TerritoryDataError(
            _("Feature %(number)d has no readable properties.") % {"number": number}
        )
    name = str(properties.get("MRS_NM_MRC") or properties.get("CDNAME") or "").strip()
    label = f"{number} ({name})" if name else str(number)
    mrc_code = normalize_code(properties.get("MRS_CO_MRC"))
    cduid = normalize_code(properties.get("CDUID"))
    if not mrc_code and not cduid:
        raise TerritoryDataError(
            _("Feature %(feature)s has neither MRS_CO_MRC nor CDUID: it cannot be matched.")
            % {"feature": label}
        )
    region = normalize_code(properties.get("MRS_CO_REG"))
    return Feature(
        number=number,
        name=name,
        mrc_code=mrc_code,
        cduid=cduid,
        region_code=f"{int(region):02d}" if region.isdigit() else region,
        geometry=_geometry(label, raw.get("geometry")),
    )


def _geometry(label: str, raw: Any) -> Any:
    if not raw:
        raise TerritoryDataError(_("Feature %(feature)s has no geometry.") % {"feature": label})
    if not isinstance(raw, dict) or raw.get("type") not in POLYGONAL:
        kind = raw.get("type") if isinstance(raw, dict) else type(raw).__name__
        raise TerritoryDataError(
            _("Feature %(feature)s: a %(kind)s is not a Polygon or MultiPolygon.")
            % {"feature": label, "kind": kind}
        )
    try:
        geometry = shape(raw)
    except Exception as error:  # shapely raises many types on malformed coordinates
        raise TerritoryDataError(
            _("Feature %(feature)s: the geometry cannot be read (%(error)s).")
            % {"feature": label, "error": error}
        ) from error
    if geometry.is_empty:
        raise TerritoryDataError(
            _("Feature %(feature)s has an empty geometry.") % {"feature": label}
        )
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        raise TerritoryDataError(
            _(
                "Feature %(feature)s: the coordinates are not longitude/latitude; convert the "
                "file to WGS84 (EPSG:4326) first."
            )
            % {"feature": label}
        )
    if not geometry.is_valid:
        raise TerritoryDataError(
            _("Feature %(feature)s has an invalid geometry: %(reason)s.")
            % {"feature": label, "reason": explain_validity(geometry)}
        )
    return geometry


def simplify(geometries: Sequence[Any], tolerance: float) -> list[Any]:
    """Simplify polygons that tile a territory without opening gaps or overlaps between them.

    A valid coverage (neighbours sharing edges exactly) is simplified as a whole so shared edges
    stay shared; otherwise each shape is simplified alone, keeping its own topology.
    """
    if tolerance <= 0:
        simplified = list(geometries)
    elif bool(shapely.coverage_is_valid(list(geometries))):
        simplified = list(shapely.coverage_simplify(list(geometries), tolerance))
    else:
        simplified = [g.simplify(tolerance, preserve_topology=True) for g in geometries]
    result = []
    for original, geometry in zip(geometries, simplified, strict=True):
        snapped = shapely.set_precision(geometry, PRECISION)
        if snapped.is_empty or not snapped.is_valid:
            snapped = shapely.set_precision(original, PRECISION)  # too small to simplify
        result.append(snapped)
    return result


def union(geometries: Sequence[Any]) -> Any:
    """The outline of several shapes (a region from its MRCs), snapped to the storage grid."""
    return shapely.set_precision(shapely.union_all(list(geometries)), PRECISION)


def to_geojson(geometry: Any) -> dict[str, Any]:
    """A GeoJSON geometry with plain lists, ready for a JSONField and for comparison."""
    result: dict[str, Any] = json.loads(json.dumps(mapping(geometry)))
    return result


def from_geojson(geometry: Mapping[str, Any]) -> Any:
    return shape(geometry)
