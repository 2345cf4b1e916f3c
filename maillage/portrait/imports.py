"""Reading and checking a file of indicator values, in the long layout: one line per value.

    territory_code, territory_name, indicator_key, indicator_label_fr, year, value, unit,
    source_title, source_url

A territory is found by its official code (`03` the region, `24` Québec, `2415` an MRC, a
municipality's code) or, failing that, by its exact name, capitals and accents aside. `year` is a
year (`2021`) or a span (`2016-2021`): kept as the value's period, its last year as its year.

Nothing here writes: the service (`services.imports`) applies the checked rows. CSV files are read
as text (the core's import jobs keep the decoded text); a workbook (XLSX) is turned into the same
rows, its first sheet read.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from maillage.core.imports import ImportFileError, RowError
from maillage.portrait.models import Indicator, Source, Value
from maillage.territories.models import Territory

COLUMNS = (
    "territory_code",
    "territory_name",
    "indicator_key",
    "indicator_label_fr",
    "year",
    "value",
    "unit",
    "source_title",
    "source_url",
)
REQUIRED = ("indicator_key", "year", "value", "source_title")
PERIOD = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")
KEY = re.compile(r"^[-a-zA-Z0-9_]+$")
FIRST_YEAR, LAST_YEAR = 1800, 2200
KEY_LENGTH = 64  # Indicator.key
MAX_DIGITS = 16  # before the point: Value.value is DecimalField(20, 4)


@dataclass(frozen=True)
class ImportRow:
    """One line of the file as read: its number (the header is line 1) and its cells."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class CheckedRow:
    """A row found right: what the service writes."""

    line: int
    territory_id: int
    territory_name: str
    key: str
    label_fr: str
    unit: str
    period: str
    year: int
    value: Decimal
    source_title: str
    source_url: str


RowCheck = Callable[[ImportRow], list[RowError]]


def plain(text: str) -> str:
    """A name as compared: lowercase, without accents, apostrophes and dashes alike, spaces
    collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("’", "'").replace("–", "-")
    return " ".join(bare.split())


def _rows(header: Sequence[Any], body: Any) -> list[ImportRow]:
    names = [str(cell or "").strip().lower().lstrip("\ufeff") for cell in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise ImportFileError(
            _("line 1: the column “%(column)s” is missing (expected: %(expected)s).")
            % {"column": missing[0], "expected": ", ".join(COLUMNS)}
        )
    rows = []
    for line, cells in enumerate(body, start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in cells]
        if not any(cells):
            continue
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names)}
        rows.append(ImportRow(line, {column: values.get(column, "") for column in COLUMNS}))
    return rows


def parse_csv(text: str) -> list[ImportRow]:
    """The rows of a CSV file (comma or semicolon separated)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ImportFileError(_("The file is empty."))
    return _rows(header, reader)


def parse_xlsx(data: bytes) -> list[ImportRow]:
    """The rows of a workbook's first sheet, its first line the header."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file it cannot read
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx).")) from error
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if not header:
            raise ImportFileError(_("The file is empty."))
        return _rows(header, ([_cell_text(c) for c in row] for row in lines))
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_file(name: str, data: bytes) -> list[ImportRow]:
    """The rows of a file by its name's extension: .xlsx, else CSV."""
    from maillage.core.imports import decode_csv

    if name.lower().endswith(".xlsx"):
        return parse_xlsx(data)
    return parse_csv(decode_csv(data))


def parse_period(text: str) -> tuple[str, int] | None:
    """`("2016-2021", 2021)` for "2016-2021", `("2021", 2021)` for "2021"; None if neither."""
    found = PERIOD.match(text.strip())
    if not found:
        return None
    start, end = int(found.group(1)), int(found.group(2) or found.group(1))
    if not (FIRST_YEAR <= start <= end <= LAST_YEAR):
        return None
    period = f"{start}-{end}" if found.group(2) else str(start)
    return period, end


def parse_number(text: str) -> Decimal | None:
    """A figure as spreadsheets write it: "1234.5", "1 234,5" (French), "-0.6"."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** MAX_DIGITS:
        return None
    return number.quantize(Decimal("0.0001"))


class Lookups:
    """What checking needs, loaded once: territories by code and by name, the indicators known."""

    def __init__(self) -> None:
        self.by_code: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, code, name in Territory.objects.values_list("pk", "code", "name"):
            self.by_code[code].append((pk, name))
            self.by_name[plain(name)].append((pk, name))
        self.indicators = set(Indicator.objects.values_list("key", flat=True))

    def territory(self, code: str, name: str) -> tuple[tuple[int, str] | None, str, str]:
        """The territory `(pk, name)` a row names, or None with the column at fault and why."""
        found = self.by_code.get(code.strip(), []) if code.strip() else []
        if len(found) > 1 and name:
            found = [t for t in found if plain(t[1]) == plain(name)] or found
        if len(found) == 1:
            return found[0], "", ""
        if len(found) > 1:
            return (
                None,
                "territory_code",
                _("several territories have the code “%(code)s”.") % {"code": code},
            )
        named = self.by_name.get(plain(name), []) if name.strip() else []
        if len(named) == 1:
            return named[0], "", ""
        if len(named) > 1:
            return (
                None,
                "territory_name",
                _("several territories are named “%(name)s”: give its code.") % {"name": name},
            )
        if code.strip():
            return (
                None,
                "territory_code",
                _("no territory has the code “%(code)s” nor the name “%(name)s”.")
                % {"code": code, "name": name},
            )
        if name.strip():
            return None, "territory_name", _("no territory is named “%(name)s”.") % {"name": name}
        return None, "territory_code", _("give the territory's code or its name.")


def check_row(row: ImportRow, lookups: Lookups) -> tuple[CheckedRow | None, list[RowError]]:
    """The row's values made ready to write, or its errors, each at its column."""
    cells = row.values
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(row.line, column, message))

    for column in REQUIRED:
        if not cells[column]:
            fail(column, _("this value is required."))
    territory, column, problem = lookups.territory(cells["territory_code"], cells["territory_name"])
    if territory is None:
        fail(column, problem)
    key = cells["indicator_key"]
    if key and (not KEY.match(key) or len(key) > KEY_LENGTH):
        fail("indicator_key", _("a key is made of letters, digits, “_” and “-” (64 at most)."))
    label = cells["indicator_label_fr"]
    if key and key not in lookups.indicators and not label:
        fail("indicator_label_fr", _("a new indicator needs its French label."))
    if len(label) > 255:
        fail("indicator_label_fr", _("at most 255 characters."))
    if len(cells["unit"]) > 32:
        fail("unit", _("at most 32 characters."))
    period = parse_period(cells["year"]) if cells["year"] else None
    if cells["year"] and period is None:
        fail(
            "year",
            _("“%(value)s” is not a year (2021) nor a span of years (2016-2021).")
            % {"value": cells["year"]},
        )
    number = parse_number(cells["value"]) if cells["value"] else None
    if cells["value"] and number is None:
        fail("value", _("“%(value)s” is not a number.") % {"value": cells["value"]})
    if len(cells["source_title"]) > 500:
        fail("source_title", _("at most 500 characters."))
    url = cells["source_url"]
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            fail("source_url", _("“%(value)s” is not a web address (https://…).") % {"value": url})
        if len(url) > 1000:
            fail("source_url", _("at most 1,000 characters."))
    if errors or territory is None or period is None or number is None:
        return None, errors
    return CheckedRow(
        line=row.line,
        territory_id=territory[0],
        territory_name=territory[1],
        key=key,
        label_fr=label,
        unit=cells["unit"],
        period=period[0],
        year=period[1],
        value=number,
        source_title=cells["source_title"],
        source_url=url,
    ), []


def checking(lookups: Lookups) -> Callable[[ImportRow], tuple[CheckedRow | None, list[RowError]]]:
    """The check of one row after another: a value given twice in the file (same indicator,
    territory and period) is an error at its second line."""
    seen: dict[tuple[str, int, str], int] = {}

    def check(row: ImportRow) -> tuple[CheckedRow | None, list[RowError]]:
        checked, errors = check_row(row, lookups)
        if checked is None:
            return None, errors
        first = seen.setdefault((checked.key, checked.territory_id, checked.period), row.line)
        if first != row.line:
            message = _("this value was already given at line %(line)s.") % {"line": first}
            return None, [RowError(row.line, "year", message)]
        return checked, []

    return check


def checker() -> RowCheck:
    """The check of one row, its look-ups loaded once (the core's import jobs call it)."""
    check = checking(Lookups())
    return lambda row: check(row)[1]


# Used by the service: existing values and sources, read once.


def existing_values(
    indicator_ids: set[int],
) -> dict[tuple[int, int, str], tuple[int, int, Decimal, int]]:
    """`{(indicator, territory, period): (pk, year, value, source)}` of the given indicators."""
    return {
        (indicator_id, territory_id, period): (pk, year, value, source_id)
        for pk, indicator_id, territory_id, period, year, value, source_id in Value.objects.filter(
            indicator_id__in=indicator_ids
        ).values_list("pk", "indicator_id", "territory_id", "period", "year", "value", "source_id")
    }


def existing_sources() -> dict[tuple[str, str], int]:
    return {(title, url): pk for pk, title, url in Source.objects.values_list("pk", "title", "url")}
