"""Reading a region's facts (codes, names, populations) from CSV files, with no database access.

A region directory holds two files in the layout of `fixtures/regions/03/` (and may hold the
MRCs' boundaries, `boundaries.geojson`, with their attribution in `boundaries-source.txt`):

- `*mrc.csv`: `cduid, mrc_code_mamh, name, statcan_type, pop_2021_census` (type `MRC` or `TÉ`);
- `*municipalities.csv`: `csduid, cduid, mamh_geo_code, name, statcan_csd_type, type_fr,
  pop_2021_census`.

Region names and populations come from `regions_quebec.csv` (`region_code, region_name,
population_2021`). Every problem is reported with the file and the line, before anything is written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from maillage.territories.models import TerritoryType

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGIONS_FILE = FIXTURES / "regions_quebec.csv"
CENSUS_YEAR = 2021
QUEBEC_CODE = "24"  # Statistics Canada's province code, also the prefix of every CDUID in Québec

# Statistics Canada census subdivision types that are First Nations lands: Indian reserve,
# Indian settlement, Cree and Naskapi reserved lands.
RESERVE_CSD_TYPES = {"IRI", "S-É", "TC", "TK"}
UNORGANIZED_CSD_TYPES = {"NO"}
MRC_TYPES = {"MRC": TerritoryType.MRC, "TÉ": TerritoryType.EQUIVALENT}

MRC_COLUMNS = ("cduid", "mrc_code_mamh", "name", "statcan_type", "pop_2021_census")
MUNICIPALITY_COLUMNS = (
    "csduid",
    "cduid",
    "mamh_geo_code",
    "name",
    "statcan_csd_type",
    "type_fr",
    "pop_2021_census",
)
REGION_COLUMNS = ("region_code", "region_name", "population_2021")


class TerritoryDataError(ValueError):
    """A data file the loaders cannot use; the message says which file, where and why."""


@dataclass(frozen=True)
class RegionFacts:
    code: str
    name: str
    population: int | None


@dataclass(frozen=True)
class MrcFacts:
    code: str  # CDUID
    mamh_code: str
    name: str
    type: TerritoryType
    population: int | None


@dataclass(frozen=True)
class MunicipalityFacts:
    code: str  # CSDUID
    parent_code: str  # CDUID of its MRC or equivalent territory
    mamh_code: str
    name: str
    type: TerritoryType
    subtype: str
    population: int | None


@dataclass(frozen=True)
class RegionData:
    region: RegionFacts
    mrcs: tuple[MrcFacts, ...]
    municipalities: tuple[MunicipalityFacts, ...]


def normalize_region_code(value: str) -> str:
    """'3' and '03' both mean region 03."""
    value = value.strip()
    if not value.isdigit() or not 1 <= int(value) <= 99:
        raise TerritoryDataError(
            _("“%(code)s” is not a region code (two digits, for example 03).") % {"code": value}
        )
    return f"{int(value):02d}"


def default_directory(region_code: str) -> Path:
    return FIXTURES / "regions" / region_code


# A region's folder may also ship its MRCs' boundaries (GeoJSON) with their attribution, so that a
# fresh installation draws its maps.
BOUNDARIES_FILE = "boundaries.geojson"
BOUNDARIES_SOURCE_FILE = "boundaries-source.txt"


def bundled_boundaries(
    region_code: str, directory: Path | str | None = None
) -> tuple[Path, str] | None:
    """The boundary file of a region's folder and its attribution, or None when it has none."""
    folder = Path(directory) if directory else default_directory(normalize_region_code(region_code))
    path = folder / BOUNDARIES_FILE
    if not path.is_file():
        return None
    source_file = folder / BOUNDARIES_SOURCE_FILE
    source = source_file.read_text(encoding="utf-8").strip() if source_file.is_file() else ""
    return path, source or path.name


def read_region(
    *,
    region_code: str,
    directory: Path | str | None = None,
    regions_file: Path | str | None = None,
) -> RegionData:
    """Read and check every file of one region; raise TerritoryDataError on the first problem."""
    region_code = normalize_region_code(region_code)
    directory = Path(directory) if directory else default_directory(region_code)
    if not directory.is_dir():
        raise TerritoryDataError(
            _("No data for region %(code)s: the folder %(folder)s does not exist.")
            % {"code": region_code, "folder": directory}
        )
    if regions_file is None:
        # A region's folder may carry its own list of regions; otherwise the bundled one serves.
        local = directory / REGIONS_FILE.name
        regions_file = local if local.is_file() else REGIONS_FILE
    regions_file = Path(regions_file)
    region = _read_region_facts(regions_file, region_code)
    mrcs = _read_mrcs(_one_file(directory, "*mrc.csv"))
    municipalities = _read_municipalities(
        _one_file(directory, "*municipalities.csv"), {mrc.code for mrc in mrcs}
    )
    return RegionData(region=region, mrcs=tuple(mrcs), municipalities=tuple(municipalities))


def _one_file(directory: Path, pattern: str) -> Path:
    matches = sorted(directory.glob(pattern))
    if len(matches) != 1:
        raise TerritoryDataError(
            _(
                "The folder %(folder)s must hold exactly one file named %(pattern)s "
                "(found %(count)d)."
            )
            % {"folder": directory, "pattern": pattern, "count": len(matches)}
        )
    return matches[0]


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with every value stripped; check the header first."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in columns if column not in header]
            if missing:
                raise TerritoryDataError(
                    _("%(file)s, line 1: missing column(s) %(columns)s.")
                    % {"file": path, "columns": ", ".join(missing)}
                )
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    raise TerritoryDataError(
                        _line(path, reader.line_num, _("wrong number of fields."))
                    )
                values = {key: (value or "").strip() for key, value in row.items()}
                if not any(values.values()):
                    continue  # a blank line
                yield reader.line_num, values
    except UnicodeDecodeError as error:
        raise TerritoryDataError(
            _("%(file)s is not UTF-8 text (%(error)s).") % {"file": path, "error": error}
        ) from error
    except csv.Error as error:
        raise TerritoryDataError(
            _("%(file)s is not a readable CSV file (%(error)s).") % {"file": path, "error": error}
        ) from error
    except OSError as error:
        raise TerritoryDataError(
            _("%(file)s cannot be read (%(error)s).") % {"file": path, "error": error.strerror}
        ) from error


def _line(path: Path, line: int, problem: str) -> str:
    return _("%(file)s, line %(line)d: %(problem)s") % {
        "file": path,
        "line": line,
        "problem": problem,
    }


def _code(path: Path, line: int, value: str, column: str, pattern: str) -> str:
    if not re.fullmatch(pattern, value):
        raise TerritoryDataError(
            _line(
                path,
                line,
                _("“%(value)s” is not a valid %(column)s.") % {"value": value, "column": column},
            )
        )
    return value


def _population(path: Path, line: int, value: str) -> int | None:
    cleaned = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise TerritoryDataError(
            _line(
                path,
                line,
                _("the population “%(value)s” is not a whole number.") % {"value": value},
            )
        )
    return int(cleaned)


def _name(path: Path, line: int, value: str) -> str:
    if not value:
        raise TerritoryDataError(_line(path, line, _("the name is empty.")))
    if len(value) > 200:
        raise TerritoryDataError(_line(path, line, _("the name is longer than 200 characters.")))
    return value


def _read_region_facts(path: Path, region_code: str) -> RegionFacts:
    for line, row in _rows(path, REGION_COLUMNS):
        code = _code(path, line, row["region_code"], "region_code", r"\d{1,2}")
        if f"{int(code):02d}" == region_code:
            return RegionFacts(
                code=region_code,
                name=_name(path, line, row["region_name"]),
                population=_population(path, line, row["population_2021"]),
            )
    raise TerritoryDataError(
        _("%(file)s has no line for region %(code)s.") % {"file": path, "code": region_code}
    )


def _read_mrcs(path: Path) -> list[MrcFacts]:
    mrcs: list[MrcFacts] = []
    seen: set[str] = set()
    for line, row in _rows(path, MRC_COLUMNS):
        code = _code(path, line, row["cduid"], "cduid", QUEBEC_CODE + r"\d{2}")
        if code in seen:
            raise TerritoryDataError(
                _line(path, line, _("the code %(code)s appears twice.") % {"code": code})
            )
        seen.add(code)
        kind = MRC_TYPES.get(row["statcan_type"])
        if kind is None:
            raise TerritoryDataError(
                _line(
                    path,
                    line,
                    _("the type “%(value)s” is neither MRC nor TÉ.")
                    % {"value": row["statcan_type"]},
                )
            )
        mrcs.append(
            MrcFacts(
                code=code,
                mamh_code=_code(path, line, row["mrc_code_mamh"], "mrc_code_mamh", r"\d{1,3}"),
                name=_name(path, line, row["name"]),
                type=kind,
                population=_population(path, line, row["pop_2021_census"]),
            )
        )
    if not mrcs:
        raise TerritoryDataError(_("%(file)s lists no territory.") % {"file": path})
    return mrcs


def _municipality_type(csd_type: str, type_fr: str) -> TerritoryType:
    label = type_fr.casefold()
    if csd_type in UNORGANIZED_CSD_TYPES or label == "territoire non organisé":
        return TerritoryType.UNORGANIZED
    if csd_type in RESERVE_CSD_TYPES or label.startswith(
        ("réserve", "terre réservée", "établissement indien")
    ):
        return TerritoryType.RESERVE
    return TerritoryType.MUNICIPALITY


def _read_municipalities(path: Path, mrc_codes: set[str]) -> list[MunicipalityFacts]:
    municipalities: list[MunicipalityFacts] = []
    seen: set[str] = set()
    for line, row in _rows(path, MUNICIPALITY_COLUMNS):
        code = _code(path, line, row["csduid"], "csduid", QUEBEC_CODE + r"\d{5}")
        parent = row["cduid"]
        if parent not in mrc_codes:
            raise TerritoryDataError(
                _line(
                    path,
                    line,
                    _("the cduid “%(value)s” is not one of the region's MRCs.") % {"value": parent},
                )
            )
        if not code.startswith(parent):
            raise TerritoryDataError(
                _line(
                    path,
                    line,
                    _("the csduid %(code)s does not begin with its cduid %(parent)s.")
                    % {"code": code, "parent": parent},
                )
            )
        if code in seen:
            raise TerritoryDataError(
                _line(path, line, _("the code %(code)s appears twice.") % {"code": code})
            )
        seen.add(code)
        subtype = row["type_fr"]
        if len(subtype) > 64:
            raise TerritoryDataError(_line(path, line, _("the type_fr is too long.")))
        municipalities.append(
            MunicipalityFacts(
                code=code,
                parent_code=parent,
                mamh_code=_code(path, line, row["mamh_geo_code"], "mamh_geo_code", r"\d{1,16}"),
                name=_name(path, line, row["name"]),
                type=_municipality_type(row["statcan_csd_type"], subtype),
                subtype=subtype,
                population=_population(path, line, row["pop_2021_census"]),
            )
        )
    return municipalities
