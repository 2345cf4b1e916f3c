"""The directory's exports give the same files as before they were rebuilt for large directories.

`data/directory_exports.json` holds what the exports gave on the demo data (plus a few tricky
rows) before they were built from `values_list` and database aggregation: the CSV text and the
XLSX cell values, styles and layout, in French and in English, with and without the contact
columns. `MAILLAGE_WRITE_EXPORT_REFERENCE=1` writes the file again from the current code (only
after a deliberate change of the exports' content).
"""

from __future__ import annotations

import datetime
import io
import json
import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network import demo as network_demo
from maillage.network.models import Organization, OrganizationStatus, Person, Seat, Sector
from maillage.territories import demo as territories_demo
from maillage.territories.models import Territory

REFERENCE = Path(__file__).parent / "data" / "directory_exports.json"

pytestmark = pytest.mark.django_db


def _tricky_rows() -> None:
    """Rows the demo lacks: formulas, several sectors and territories, several holders (with
    and without an e-mail), an ended seat, an organization without sector or territory."""
    territories = list(Territory.objects.exclude(type="province").order_by("code")[:3])
    sectors = list(Sector.objects.order_by("position", "name_fr"))
    many = Organization.objects.create(
        name="=SOMME(A1:A2) Réseau (fictif)",
        slug="reseau-somme-fictif",
        acronym="-R",
        level="national",
        status=OrganizationStatus.EXTERNAL,
        website="https://reseau.exemple.org",
        email="info@reseau.exemple.org",
        phone="+1 418 555-0000",
    )
    many.sectors.set(sectors[-2:] + sectors[:1])
    many.territories.set(territories)
    first = Person.objects.create(
        first_name="Aline", last_name="Zèbre", slug="aline-zebre", email="aline@exemple.org"
    )
    second = Person.objects.create(first_name="Bruno", last_name="Abeille", slug="bruno-abeille")
    gone = Person.objects.create(
        first_name="Carole", last_name="Partie", slug="carole-partie", email="c@exemple.org"
    )
    Seat.objects.create(organization=many, holder=first, start_date=datetime.date(2023, 5, 1))
    Seat.objects.create(organization=many, holder=second, start_date=datetime.date(2021, 2, 3))
    Seat.objects.create(
        organization=many,
        holder=gone,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 1, 1),
    )
    Organization.objects.create(
        name="@Sans secteur (fictif)", slug="sans-secteur", status=OrganizationStatus.FORMER
    )


def _xlsx(content: bytes) -> dict[str, Any]:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return {
        "sheets": workbook.sheetnames,
        "rows": [list(row) for row in sheet.iter_rows(values_only=True)],
        "header_bold": [bool(cell.font and cell.font.b) for cell in sheet[1]],
        "types": sorted(
            {cell.data_type for line in sheet.iter_rows(min_row=2) for cell in line} - {"n"}
        ),
        "widths": {
            letter: dimension.width
            for letter, dimension in sorted(sheet.column_dimensions.items())
            if dimension.width
        },
        "freeze_panes": sheet.freeze_panes,
    }


def directory_exports() -> dict[str, Any]:
    """Every export of the whole directory: two languages, without and with contacts."""
    member = Client()
    member.force_login(user_with_role(Role.MEMBER))
    result: dict[str, Any] = {}
    # The English requests leave English active: put back what was (tests reverse URLs after).
    with translation.override(translation.get_language()):
        _collect(result, member)
    return result


def _collect(result: dict[str, Any], member: Client) -> None:
    for language, prefix in (("fr", "/repertoire/exporter"), ("en", "/en/directory/export")):
        for audience, client in (("public", Client()), ("contacts", member)):
            csv = client.get(f"{prefix}/csv/")
            xlsx = client.get(f"{prefix}/xlsx/")
            assert csv.status_code == xlsx.status_code == 200
            key = f"{language}-{audience}"
            result[f"{key}-csv"] = b"".join(
                csv.streaming_content if csv.streaming else [csv.content]
            ).decode("utf-8")
            result[f"{key}-xlsx"] = _xlsx(
                b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
            )


def _ordered(export: Any) -> Any:
    """The reference was written on SQLite, which sorts names by code point; PostgreSQL sorts
    them by its collation (punctuation and accents aside): elsewhere the rows are compared as a
    set, the header and each cell still exactly."""
    if connection.vendor == "sqlite":
        return export
    if isinstance(export, str):
        head, *rows = export.split("\r\n")
        return head, sorted(rows)
    return {**export, "rows": [export["rows"][0], *sorted(export["rows"][1:], key=repr)]}


def test_exports_give_the_same_files_as_before():
    territories_demo.load(stdout=StringIO())
    network_demo.load(stdout=StringIO())
    _tricky_rows()
    exports = directory_exports()
    if os.environ.get("MAILLAGE_WRITE_EXPORT_REFERENCE") == "1":
        REFERENCE.parent.mkdir(exist_ok=True)
        REFERENCE.write_text(json.dumps(exports, ensure_ascii=False, indent=1) + "\n")
    reference = json.loads(REFERENCE.read_text())
    assert reference.keys() == exports.keys()
    for key, expected in reference.items():
        assert _ordered(exports[key]) == _ordered(expected), key
    # The reference covers what matters: contacts, several holders, formulas defused.
    assert "aline@exemple.org" in exports["fr-contacts-csv"]
    assert "aline@exemple.org" not in exports["fr-public-csv"]
    assert "'=SOMME" in exports["fr-public-csv"]
