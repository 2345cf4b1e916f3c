"""Importing indicator values: the region's reference file, all or nothing, again without change,
errors named by line and column in French, CSV and XLSX, the management command."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from maillage.core.models import AuditEvent, ImportJob
from maillage.core.permissions import SYSTEM
from maillage.portrait import imports
from maillage.portrait.models import Direction, Indicator, Source, Value
from maillage.portrait.services import indicators_import
from maillage.portrait.tests.conftest import import_path
from maillage.portrait.verbs import PortraitVerb
from maillage.territories.models import Territory, TerritoryType

pytestmark = pytest.mark.django_db

HEADER = ",".join(imports.COLUMNS)
GOOD = (
    "2415,Charlevoix-Est,population,Population (recensement),2021,15409,personnes,"
    "Recensement 2021,https://www12.statcan.gc.ca/census"
)


def run(text: str, **options):
    return indicators_import(actor=SYSTEM, rows=imports.parse_csv(text), **options)


def test_the_region_file_gives_each_mrc_level_territory_a_portrait(imported, region_file):
    mrcs = Territory.objects.filter(type__in=[TerritoryType.MRC, TerritoryType.EQUIVALENT])
    assert mrcs.count() == 7
    client = Client()
    for mrc in mrcs:
        assert Value.objects.filter(territory=mrc).exists(), mrc.name
        page = client.get(reverse("portrait:territory", args=[mrc.slug]))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Population (recensement)" in html
        source = Value.objects.filter(territory=mrc).select_related("source").first().source
        assert f'href="{source.url}"' in html.replace("&amp;", "&")
    # The span "2016-2021" is kept as the period, its last year as the year.
    change = Value.objects.filter(indicator__key="pop_change_2016_2021_pct").first()
    assert (change.period, change.year) == ("2016-2021", 2021)
    # The catalogue completes what the file does not say.
    population = Indicator.objects.get(key="population")
    assert population.label_en == "Population (census)" and population.definition_fr
    assert Indicator.objects.get(key="low_income_lim_at_households_pct").direction == (
        Direction.HIGHER_IS_WORSE
    )


def test_a_second_import_of_the_same_file_changes_nothing(imported, region_file):
    values = list(
        Value.objects.order_by("pk").values_list("pk", "value", "source_id", "updated_at")
    )
    counts = (Indicator.objects.count(), Source.objects.count())
    events = AuditEvent.objects.filter(verb=PortraitVerb.IMPORTED).count()

    again = import_path(region_file)

    assert again.created == again.updated == 0
    assert again.unchanged == len(again.outcomes) == imported.created
    assert (
        list(Value.objects.order_by("pk").values_list("pk", "value", "source_id", "updated_at"))
        == values
    )
    assert (Indicator.objects.count(), Source.objects.count()) == counts
    assert AuditEvent.objects.filter(verb=PortraitVerb.IMPORTED).count() == events


def test_a_file_with_one_bad_row_imports_nothing_and_names_its_line_and_column(
    region03, region_file
):
    lines = region_file.read_text(encoding="utf-8").splitlines()
    bad = next(csv.reader([lines[5]]))
    bad[imports.COLUMNS.index("value")] = "beaucoup"
    lines[5] = ",".join(f'"{cell}"' for cell in bad)
    with translation.override("fr"):
        report = run("\n".join(lines))
        assert [(e.line, e.column) for e in report.errors] == [(6, "value")]
        assert (
            str(report.errors[0])
            == "ligne 6, colonne « value » : « beaucoup » n’est pas un nombre."
        )
    assert not report.applied
    assert not Value.objects.exists() and not Indicator.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"territory_code": "9999", "territory_name": "Atlantide"}, "territory_code"),
        ({"year": "vers 2020"}, "year"),
        ({"year": "2021-2016"}, "year"),
        ({"source_url": "pas une adresse"}, "source_url"),
        ({"source_title": ""}, "source_title"),
    ],
)
def test_each_bad_cell_is_named(region03, cells, column):
    row = dict(zip(imports.COLUMNS, next(csv.reader([GOOD])), strict=True))
    row.update(cells)
    text = HEADER + "\n" + ",".join(f'"{row[c]}"' for c in imports.COLUMNS)
    report = run(text)
    assert [(e.line, e.column) for e in report.errors] == [(2, column)]
    assert not Value.objects.exists()


def test_a_missing_column_refuses_the_file(region03):
    header = HEADER.replace(",source_url", "")
    with translation.override("fr"), pytest.raises(imports.ImportFileError, match="source_url"):
        imports.parse_csv(header + "\n" + GOOD)


def test_a_territory_is_found_by_its_name_without_accents_or_capitals(region03):
    report = run(HEADER + "\n" + GOOD.replace("2415,Charlevoix-Est", ",charlevoix est"))
    assert report.errors == [] or report.errors[0].column == "territory_name"
    report = run(HEADER + "\n" + GOOD.replace("2415,Charlevoix-Est", ",CHARLEVOIX-EST"))
    assert report.applied
    assert Value.objects.get().territory.code == "2415"


def test_a_changed_value_is_updated(region03):
    run(HEADER + "\n" + GOOD)
    report = run(HEADER + "\n" + GOOD.replace("15409", "15 500"))
    assert (report.created, report.updated) == (0, 1)
    assert Value.objects.get().value == 15500


def test_a_value_given_twice_is_an_error(region03):
    report = run(HEADER + "\n" + GOOD + "\n" + GOOD)
    assert [(e.line, e.column) for e in report.errors] == [(3, "year")]


def test_a_dry_run_writes_nothing(region03):
    report = run(HEADER + "\n" + GOOD, dry_run=True)
    assert report.created == 1 and not report.applied
    assert not Value.objects.exists()


def test_a_workbook_reads_like_its_csv(region03, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(list(imports.COLUMNS))
    sheet.append(
        [
            2415,
            "Charlevoix-Est",
            "population",
            "Population",
            "2021",
            15409,
            "personnes",
            "Recensement 2021",
            "https://www12.statcan.gc.ca/census",
        ]
    )
    path = tmp_path / "valeurs.xlsx"
    book.save(path)
    out = StringIO()
    call_command("import_indicators", str(path), stdout=out)
    assert "1" in out.getvalue()
    assert Value.objects.get().value == 15409


def test_the_command_refuses_a_bad_file_and_imports_nothing(region03, tmp_path):
    path = tmp_path / "valeurs.csv"
    path.write_text(HEADER + "\n" + GOOD + "\n" + GOOD.replace("2021", "deux mille"), "utf-8")
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Value.objects.exists()
    out = StringIO()
    path.write_text(HEADER + "\n" + GOOD, "utf-8")
    call_command("import_indicators", str(path), "--dry-run", stdout=out)
    assert not Value.objects.exists()


def test_staff_upload_a_workbook_on_the_import_page(
    region03, staff_client, django_capture_on_commit_callbacks
):
    book = Workbook()
    sheet = book.active
    sheet.append(list(imports.COLUMNS))
    sheet.append(next(csv.reader([GOOD])))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "valeurs.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("portrait:import"), {"kind": "portrait.indicators", "file": buffer}
        )
    assert response.status_code == 302, response.context["form"].errors
    # The immediate task backend checked the job; its uploader confirms it and it is applied.
    job = ImportJob.objects.get()
    assert job.kind == "portrait.indicators" and job.error_count == 0
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("core:import_job_confirm", args=[job.pk]))
    assert Value.objects.get().value == 15409
