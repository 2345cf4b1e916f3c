"""The directory as a spreadsheet: public columns for everyone, contact columns for members.

A directory of thousands of organizations is read in a fixed number of lean queries (tuples from
`values_list`, never model instances), its labels translated once, and written as it is read: the
CSV streams, the XLSX is written by openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from django.db import connection
from django.db.models import F, OuterRef, QuerySet, StringAgg, Subquery, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maillage.core import cache
from maillage.network.models import (
    Function,
    Organization,
    OrganizationStatus,
    Person,
    Seat,
    Sector,
)
from maillage.territories.models import Level, Territory

Table = tuple[list[str], Iterable[list[str]]]

# The directory as the list and the exports show it.
NAMESPACE = "network.directory"

# A spreadsheet runs a cell starting with these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The XLSX's column widths follow the first rows (they are written before any row).
WIDTH_ROWS = 200


def _joined_names(
    organizations: QuerySet[Organization], field: str, name: str, order: tuple[str, ...]
) -> tuple[QuerySet[Organization], dict[int, str] | None]:
    """The names of an organization's sectors or territories, joined by ", " in `order`.

    Where the database orders inside an aggregate (PostgreSQL, SQLite 3.44 and later), one
    correlated `StringAgg` per organization; elsewhere one query of (organization, name) pairs,
    joined here."""
    through = getattr(Organization, field).through.objects.all()
    target = getattr(Organization, field).field.m2m_reverse_field_name()
    name_path = f"{target}__{name}"
    ordering = [F(f"{target}__{part}") for part in order]
    if connection.features.supports_aggregate_order_by_clause:
        aggregate = (
            through.filter(organization_id=OuterRef("pk"))
            .values("organization_id")
            .annotate(names=StringAgg(name_path, Value(", "), order_by=ordering))
            .values("names")
        )
        return organizations.annotate(**{f"{field}_names": Subquery(aggregate)}), None
    joined: defaultdict[int, list[str]] = defaultdict(list)
    pairs = (
        through.filter(organization_id__in=organizations.values("pk"))
        .order_by(*ordering)
        .values_list("organization_id", name_path)
    )
    for organization_id, value in pairs.iterator(chunk_size=5000):
        joined[organization_id].append(value)
    organizations = organizations.annotate(**{f"{field}_names": Value("")})
    return organizations, {key: ", ".join(names) for key, names in joined.items()}


def _holders(organizations: QuerySet[Organization]) -> dict[int, str]:
    """The holders of each organization's open seats, oldest first: "Name <e-mail>"."""
    holders: defaultdict[int, list[str]] = defaultdict(list)
    seats = (
        Seat.objects.filter(end_date__isnull=True, organization__in=organizations.values("pk"))
        .order_by("start_date", "pk")
        .values_list("organization_id", "holder__first_name", "holder__last_name", "holder__email")
    )
    for organization_id, first, last, email in seats.iterator(chunk_size=5000):
        name = f"{first} {last}".strip()
        holders[organization_id].append(f"{name} <{email}>" if email else name)
    return {key: "; ".join(names) for key, names in holders.items()}


def export_table(organizations: QuerySet[Organization], *, with_contacts: bool) -> Table:
    """The headers and the rows (an iterator, read as the file is written: the labels are
    translated here, in the request's language, not as the rows are read)."""
    headers = [
        _("Name"),
        _("Acronym"),
        _("Sectors"),
        _("Level"),
        _("Territories served"),
        _("Website"),
        _("Status in the collective"),
    ]
    if with_contacts:
        headers += [_("General e-mail"), _("Telephone"), _("Seat holders")]
    levels = {value: str(label) for value, label in Level.choices}
    statuses = {value: str(label) for value, label in OrganizationStatus.choices}
    sector_name = "name_en" if (get_language() or "").startswith("en") else "name_fr"
    queryset = organizations.prefetch_related(None)
    queryset, sectors = _joined_names(queryset, "sectors", sector_name, ("position", "name_fr"))
    queryset, territories = _joined_names(queryset, "territories", "name", ("name",))
    holders = _holders(organizations) if with_contacts else {}
    columns = ["pk", "name", "acronym", "sectors_names", "level", "territories_names"]
    columns += ["website", "status", "email", "phone"]

    def rows() -> Iterator[list[str]]:
        for values in queryset.values_list(*columns).iterator(chunk_size=2000):
            pk, name, acronym, sector_names, level, territory_names, website, status = values[:8]
            row = [
                name,
                acronym,
                sectors.get(pk, "") if sectors is not None else sector_names or "",
                levels.get(level, level),
                territories.get(pk, "") if territories is not None else territory_names or "",
                website,
                statuses.get(status, status),
            ]
            if with_contacts:
                row += [values[8], values[9], holders.get(pk, "")]
            yield row

    return headers, rows()


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Line:
    """What `csv.writer` writes to: it hands back each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(table: Table, *, batch: int = 500) -> Iterator[bytes]:
    """UTF-8 with a BOM and semicolons: what Excel in French opens correctly by double-click.
    Yielded a few hundred lines at a time, for a `StreamingHttpResponse`."""
    headers, rows = table
    writer: Any = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield ("\ufeff" + writer.writerow(headers)).encode("utf-8")
    rows = iter(rows)
    while lines := [writer.writerow([_safe(cell) for cell in row]) for row in islice(rows, batch)]:
        yield "".join(lines).encode("utf-8")


def to_csv(table: Table) -> bytes:
    return b"".join(csv_stream(table))


def chunks(body: bytes, *, size: int = 64 * 1024) -> Iterator[bytes]:
    """A built file in pieces, for a `StreamingHttpResponse`."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def to_xlsx(table: Table, *, title: str) -> bytes:
    headers, rows = table
    rows = iter(rows)
    first = list(islice(rows, WIDTH_ROWS))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, header in enumerate(headers, start=1):
        width = max([len(header), *(len(row[index - 1]) for row in first)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in chain(first, rows):
        sheet.append([_text(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(sheet: Any, value: str) -> Any:
    """Text stays text: a value starting with "=" must not become a formula."""
    if value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def watch() -> None:
    """Bump the cached files, and the directory's kept cards and rows, on every change to what
    they show (called once, in `ready()`)."""
    cache.bump_on_change(NAMESPACE, Organization, Sector, Territory, Seat, Person, Function)


def directory_file(
    organizations: QuerySet[Organization],
    *,
    fmt: str,
    with_contacts: bool,
    filters: Iterable[object],
    title: str,
) -> bytes:
    """The directory as a CSV or XLSX file, cached until the next change to what it shows.

    `filters` names what selected `organizations` (the directory's filters): two requests with
    the same filters, language and `with_contacts` get the same file."""

    def build() -> bytes:
        table = export_table(organizations, with_contacts=with_contacts)
        return to_csv(table) if fmt == "csv" else to_xlsx(table, title=title)

    return cache.fragment(
        NAMESPACE,
        visibility="contacts" if with_contacts else "public",
        filters=[fmt, *filters],
        render=build,
    )
