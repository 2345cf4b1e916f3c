"""The dashboard's territory map: shaded by committed money, hatched where nothing is
committed, and the accountability spreadsheet's text kept as text."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from maillage.funding.exports import accountability_xlsx
from maillage.funding.maps import NOTHING_PATTERN, committed_map
from maillage.funding.selectors.dashboards import Accountability, AccountabilityRow, Line
from maillage.funding.tests.factories import mrc
from maillage.territories.tests.factories import BoundaryFactory, square

pytestmark = pytest.mark.django_db


def line(committed: str) -> Line:
    return Line("", "", Decimal("100000.00"), Decimal(committed), Decimal("0.00"))


def test_the_map_shades_committed_money_and_hatches_nothing():
    east = BoundaryFactory.create(territory=mrc(), geometry=square(-70.5, 47.5))
    city = BoundaryFactory.create(
        territory=mrc(code="2423", name="Québec"), geometry=square(-71.3, 46.8)
    )
    island = BoundaryFactory.create(
        territory=mrc(code="2420", name="L'Île-d'Orléans"), geometry=square(-71, 46.9)
    )
    lines = {east.territory.pk: line("35000.00"), city.territory.pk: line("0.00")}
    drawn = committed_map(
        [east, city, island],
        lines,
        href=lambda t: f"/?territory={t.slug}",
        label=lambda t, found: f"{t.name}: {found.committed if found else 'rien'}",
        caption="Argent engagé par territoire",
    )
    assert drawn is not None
    classes = {row.territory.name: row.class_index for row in drawn.rows}
    assert classes["Charlevoix-Est"] > 0
    assert classes["Québec"] == classes["L'Île-d'Orléans"] == 0
    assert drawn.has_nothing
    assert [(e.low, e.high) for e in drawn.legend] == [(Decimal("35000.00"), Decimal("35000.00"))]
    # The pattern is declared once, before the areas that use it.
    assert drawn.svg.count(f'id="{NOTHING_PATTERN}"') == 1
    assert drawn.svg.index(NOTHING_PATTERN) < drawn.svg.index('<g class="areas">')
    assert 'aria-label="Charlevoix-Est: 35000.00"' in drawn.svg


def test_no_map_without_outlines():
    drawn = committed_map([], {}, href=str, label=lambda t, found: "", caption="Carte")
    assert drawn is None


def test_the_spreadsheet_keeps_a_name_that_looks_like_a_formula_as_text():
    row = AccountabilityRow(
        reference="T-1",
        title='=HYPERLINK("http://exemple.org")',
        organization="+Organisme",
        territories="Québec",
        stream="Local",
        fiscal_year="2024-2025",
        granted=Decimal("10.00"),
        committed=Decimal("10.00"),
        paid=Decimal("0.00"),
        start_date=None,
        end_date=None,
        status="Acceptée",
    )
    body = accountability_xlsx(
        Accountability([row], Decimal("10.00"), Decimal("10.00"), Decimal("0.00")), title="Test"
    )
    sheet = load_workbook(io.BytesIO(body)).active
    cells = next(sheet.iter_rows(min_row=2, max_row=2))
    assert [cells[1].data_type, cells[2].data_type] == ["s", "s"]
    assert cells[1].value == '=HYPERLINK("http://exemple.org")'
    assert cells[6].value == 10 and cells[6].number_format == "#,##0.00 $"
