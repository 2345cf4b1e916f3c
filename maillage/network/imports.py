"""Reading CSV files of organizations and people: columns, and checking each row.

Nothing here writes: `services.network_import` applies the rows this module has checked. Decoding
the file and the import job are the core's (`maillage.core.imports`). The column format is
documented in docs/apps/network.md.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.imports import ImportFileError, RowError
from maillage.network.models import Organization, OrganizationStatus, Sector
from maillage.territories.models import Level, Territory
from maillage.territories.selectors import TerritoryIndex, kind_of


class ImportKind(models.TextChoices):
    ORGANIZATIONS = "organizations", gettext_lazy("Organizations")
    PEOPLE = "people", gettext_lazy("People (with their function and seat)")


@dataclass(frozen=True)
class Column:
    key: str
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.ORGANIZATIONS: (
        Column("name", ("nom",), required=True),
        Column("acronym", ("sigle", "acronyme")),
        Column(
            "neq",
        ),
        Column("sectors", ("secteurs", "secteur", "sector")),
        Column("level", ("palier",)),
        Column("territories", ("territoires", "territoire", "territory")),
        Column("website", ("site_web", "site", "web")),
        Column("email", ("courriel",)),
        Column("phone", ("telephone",)),
        Column("status", ("statut",)),
        Column(
            "description",
        ),
    ),
    ImportKind.PEOPLE: (
        Column("first_name", ("prenom",), required=True),
        Column("last_name", ("nom", "nom_de_famille"), required=True),
        Column("email", ("courriel",)),
        Column("phone", ("telephone",)),
        Column("organization", ("organisation", "organisme")),
        Column("function", ("fonction", "titre")),
        Column("seat", ("siege",)),
        Column("seat_start", ("debut_siege", "debut")),
        Column("holder_email", ("courriel_titulaire",)),
    ),
}

# Words accepted in the level, status and seat columns, after lowering and removing accents.
LEVEL_WORDS = {
    "local": Level.LOCAL,
    "supralocal": Level.SUPRALOCAL,
    "supralocal (mrc)": Level.SUPRALOCAL,
    "mrc": Level.SUPRALOCAL,
    "regional": Level.REGIONAL,
    "national": Level.NATIONAL,
}
STATUS_WORDS = {
    "partner": OrganizationStatus.PARTNER,
    "partenaire": OrganizationStatus.PARTNER,
    "external": OrganizationStatus.EXTERNAL,
    "externe": OrganizationStatus.EXTERNAL,
    "acteur externe": OrganizationStatus.EXTERNAL,
    "former": OrganizationStatus.FORMER,
    "ancien": OrganizationStatus.FORMER,
    "ancien partenaire": OrganizationStatus.FORMER,
    "ex-partenaire": OrganizationStatus.FORMER,
}
HOLDER, SUBSTITUTE = "holder", "substitute"
SEAT_WORDS = {
    "titulaire": HOLDER,
    "holder": HOLDER,
    "oui": HOLDER,
    "yes": HOLDER,
    "substitut": SUBSTITUTE,
    "substitute": SUBSTITUTE,
    "suppleant": SUBSTITUTE,
}


def _plain(text: str) -> str:
    """Lowercase without accents: "Régional" and "regional" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    extra: bool = False


def parse_csv(text: str, kind: str) -> list[ImportRow]:
    """Rows of a CSV file keyed by canonical column names; line numbers count the header as 1.

    The separator is the comma or the semicolon (French Excel), read from the header line.
    """
    columns = COLUMNS[kind]
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportFileError(_("The file has no header line.")) from error
    names = {
        _plain(alias).replace(" ", "_").replace("-", "_"): c.key
        for c in columns
        for alias in (c.key, *c.aliases)
    }
    keys: list[str | None] = []
    unknown: list[str] = []
    for cell in header:
        normalized = _plain(cell).replace(" ", "_").replace("-", "_")
        if not normalized:
            keys.append(None)
            continue
        key = names.get(normalized)
        if key is None:
            unknown.append(cell.strip())
        keys.append(key)
    expected = ", ".join(c.key for c in columns)
    if unknown:
        raise ImportFileError(
            _("line 1: unknown column(s) %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(f"« {c} »" for c in unknown), "expected": expected}
        )
    missing = [c.key for c in columns if c.required and c.key not in keys]
    if missing:
        raise ImportFileError(
            _("line 1: missing column(s) %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(f"« {c} »" for c in missing), "expected": expected}
        )
    rows: list[ImportRow] = []
    last_line = reader.line_num
    try:
        for record in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            values = {c.key: "" for c in columns}
            for key, cell in zip(keys, record, strict=False):
                if key is not None:
                    values[key] = cell.strip()
            extra = len(record) > len(keys) and any(c.strip() for c in record[len(keys) :])
            rows.append(ImportRow(line=line, values=values, extra=extra))
    except csv.Error as error:
        raise ImportFileError(
            _("line %(line)s: the CSV cannot be read (%(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from error
    return rows


# Which CSV column a service's field error belongs to.
FIELD_COLUMNS = {
    "title": "function",
    "holder": "seat",
    "substitutes": "seat",
    "start_date": "seat_start",
    "end_date": "seat_start",
    "slug": "name",
}


def errors_from_validation(line: int, error: ValidationError) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(line, "", message) for message in error.messages]
    found: list[RowError] = []
    for name, errors in error.error_dict.items():
        column = "" if name == "__all__" else FIELD_COLUMNS.get(name, name)
        for item in errors:
            found.extend(RowError(line, column, message) for message in item.messages)
    return found


class Lookups:
    """Sectors, territories and organizations, each loaded once per import."""

    def __init__(self) -> None:
        self.sectors = {s.key: s for s in Sector.objects.all()}
        self.territories = TerritoryIndex()
        self._organizations: dict[str, Organization] | None = None

    def organization_keys(self) -> set[tuple[str, str]]:
        """What finds an existing organization when a row is applied: its NEQ, or else its
        name (case ignored)."""
        keys: set[tuple[str, str]] = set()
        for neq, name in Organization.objects.values_list("neq", "name"):
            keys.update(_organization_keys(neq, name))
        return keys

    def organization(self, text: str) -> Organization | None:
        """An organization by NEQ, slug or exact name (case and accents ignored)."""
        if self._organizations is None:
            self._organizations = {}
            for org in Organization.objects.all():
                for key in (org.neq, org.slug, _plain(org.name)):
                    if key:
                        self._organizations.setdefault(key, org)
        cleaned = text.strip()
        return self._organizations.get(cleaned.replace(" ", "")) or self._organizations.get(
            _plain(cleaned)
        )


def _ambiguous_territory(text: str, matches: list[Territory]) -> str:
    candidates = [
        _("%(name)s (%(kind)s, code %(code)s)")
        % {"name": t.name, "kind": kind_of(t), "code": t.code}
        for t in matches
    ]
    return _(
        "“%(value)s” names several territories: %(candidates)s. Write the code, or the kind in "
        "parentheses, for example “%(example)s”."
    ) % {
        "value": text,
        "candidates": "; ".join(candidates),
        "example": f"{matches[0].name} ({kind_of(matches[0])})",
    }


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;|]", value) if part.strip()]


def _parse_date(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


@dataclass
class OrganizationRow:
    line: int
    values: dict[str, Any]  # only the non-empty cells, resolved to objects


@dataclass
class PersonRow:
    line: int
    values: dict[str, str]
    organization: Organization | None = None
    seat: str = ""
    seat_start: date | None = None


class _Checked:
    """One row's cells and what is wrong with them, each error at its column."""

    def __init__(self, row: ImportRow) -> None:
        self.line = row.line
        self.cells = row.values
        self.errors: list[RowError] = []
        if row.extra:
            self.fail("", _("this line has more cells than the header."))

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def word(self, column: str, words: Mapping[str, str], refusal: str) -> str | None:
        """What the cell's word stands for in `words`; `refusal` (with `%(value)s`) when none."""
        cell = self.cells[column]
        if not cell:
            return None
        found = words.get(_plain(cell))
        if found is None:
            self.fail(column, refusal % {"value": cell})
        return found

    def email(self, column: str) -> None:
        if self.cells[column]:
            try:
                validate_email(self.cells[column])
            except ValidationError:
                self.fail(
                    column,
                    _("“%(value)s” is not an e-mail address.") % {"value": self.cells[column]},
                )


def check_organization_row(
    row: ImportRow, lookups: Lookups
) -> tuple[OrganizationRow, list[RowError]]:
    check = _Checked(row)
    cells = row.values
    resolved: dict[str, Any] = {
        key: value
        for key, value in cells.items()
        if value and key in ("name", "acronym", "description", "website", "email", "phone")
    }
    if not cells["name"]:
        check.fail("name", _("the name is required."))
    if cells["neq"]:
        neq = re.sub(r"\s+", "", cells["neq"])
        if re.fullmatch(r"\d{10}", neq):
            resolved["neq"] = neq
        else:
            check.fail(
                "neq",
                _("NEQ “%(value)s” is invalid: it must have exactly 10 digits.")
                % {"value": cells["neq"]},
            )
    if cells["sectors"]:
        keys = [_plain(k) for k in _split(cells["sectors"])]
        unknown = [k for k in keys if k not in lookups.sectors]
        if unknown:
            check.fail(
                "sectors",
                _("unknown sector(s) %(keys)s; known keys: %(known)s.")
                % {
                    "keys": ", ".join(f"« {k} »" for k in unknown),
                    "known": ", ".join(lookups.sectors),
                },
            )
        else:
            resolved["sectors"] = [lookups.sectors[k] for k in dict.fromkeys(keys)]
    level = check.word(
        "level",
        LEVEL_WORDS,
        _("unknown level “%(value)s”; use local, supralocal, regional or national."),
    )
    if level is not None:
        resolved["level"] = level
    if cells["territories"]:
        territories: list[Territory] = []
        for text in _split(cells["territories"]):
            matches = lookups.territories.find(text)
            if len(matches) == 1:
                territories.append(matches[0])
            elif not matches:
                check.fail(
                    "territories",
                    _("no territory has the name or code “%(value)s”.") % {"value": text},
                )
            else:
                check.fail("territories", _ambiguous_territory(text, matches))
        resolved["territories"] = list(dict.fromkeys(territories))
    status = check.word(
        "status", STATUS_WORDS, _("unknown status “%(value)s”; use partner, external or former.")
    )
    if status is not None:
        resolved["status"] = status
    check.email("email")
    return OrganizationRow(line=row.line, values=resolved), check.errors


def check_person_row(row: ImportRow, lookups: Lookups) -> tuple[PersonRow, list[RowError]]:
    check = _Checked(row)
    cells = row.values
    checked = PersonRow(line=row.line, values=cells)
    for column in ("first_name", "last_name"):
        if not cells[column]:
            check.fail(column, _("this cell is required."))
    for column in ("email", "holder_email"):
        check.email(column)
    if cells["organization"]:
        checked.organization = lookups.organization(cells["organization"])
        if checked.organization is None:
            check.fail(
                "organization",
                _("no organization has the name, NEQ or identifier “%(value)s”.")
                % {"value": cells["organization"]},
            )
    elif cells["function"] or cells["seat"]:
        check.fail("organization", _("a function or a seat needs an organization."))
    checked.seat = (
        check.word(
            "seat",
            SEAT_WORDS,
            _("unknown value “%(value)s”; use titulaire (holder) or substitut (substitute)."),
        )
        or ""
    )
    if cells["seat_start"]:
        checked.seat_start = _parse_date(cells["seat_start"])
        if checked.seat_start is None:
            check.fail(
                "seat_start",
                _("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                % {"value": cells["seat_start"]},
            )
    return checked, check.errors


def _organization_keys(neq: str, name: str) -> set[tuple[str, str]]:
    keys = {("name", name.strip().casefold())}
    return keys | {("neq", neq)} if neq else keys


type RowCheck = Callable[[ImportRow], list[RowError]]


def organization_checker() -> RowCheck:
    """The check of one row of organizations, the look-ups loaded once. It also knows which
    organizations exist (or come earlier in the file), so that a new one without a sector is
    refused when the file is checked rather than when it is applied."""
    lookups = Lookups()
    known = lookups.organization_keys()

    def check(row: ImportRow) -> list[RowError]:
        checked, errors = check_organization_row(row, lookups)
        keys = _organization_keys(checked.values.get("neq", ""), row.values["name"])
        if row.values["name"] and not row.values["sectors"] and not keys & known:
            errors.append(
                RowError(row.line, "sectors", _("a new organization needs at least one sector."))
            )
        known.update(keys)
        return errors

    return check


def person_checker() -> RowCheck:
    """The check of one row of people, the look-ups loaded once."""
    lookups = Lookups()
    return lambda row: check_person_row(row, lookups)[1]
