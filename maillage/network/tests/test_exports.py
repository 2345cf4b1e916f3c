from __future__ import annotations

import csv
import gzip
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from maillage.core.roles import ANONYMOUS, Role
from maillage.core.tests.checks import assert_private_no_store
from maillage.network.tests.factories import OrganizationFactory, SeatFactory, sector

pytestmark = pytest.mark.django_db


def csv_text(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8-sig")


def read_csv(response):
    text = csv_text(response)
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def organizations(charlevoix_est):
    seat = SeatFactory.create(
        organization=OrganizationFactory.create(
            name="Alpha (fictif)", email="alpha@example.org", territories=[charlevoix_est]
        )
    )
    OrganizationFactory.create(name="=HYPERLINK(1)", sectors=[sector("municipal")])
    return seat


@pytest.mark.parametrize("role", [ANONYMOUS, Role.CITIZEN, Role.GUEST])
def test_public_columns_only(client_as, organizations, role):
    response = client_as(role).get(reverse("network:organization_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = csv_text(response)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) == 7
    assert "alpha@example.org" not in text


def test_members_get_contact_columns(member_client, organizations):
    response = member_client.get(reverse("network:organization_export", args=["csv"]))
    rows = read_csv(response)
    assert len(rows[0]) == 10
    alpha = next(row for row in rows if row[0] == "Alpha (fictif)")
    assert alpha[7] == "alpha@example.org"
    assert organizations.holder.email in alpha[9]
    assert alpha[4] == "Charlevoix-Est"


def test_export_follows_the_filters_and_defuses_formulas(member_client, organizations):
    response = member_client.get(
        reverse("network:organization_export", args=["csv"]), {"sector": "municipal"}
    )
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)"]


def test_xlsx(member_client, organizations):
    response = member_client.get(reverse("network:organization_export", args=["xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nom"
    assert {row[0] for row in rows[1:]} == {"Alpha (fictif)", "=HYPERLINK(1)"}
    cell = next(c for c in sheet["A"] if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_unknown_format_is_404(client):
    assert client.get(reverse("network:organization_export", args=["pdf"])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", [ANONYMOUS, Role.MEMBER])
def test_no_cache_keeps_an_export(client_as, organizations, role, fmt):
    response = client_as(role).get(reverse("network:organization_export", args=[fmt]))
    assert response.status_code == 200
    assert_private_no_store(response)


def _make(n, territories):
    for _ in range(n):
        organization = OrganizationFactory.create(
            sectors=[sector(), sector("municipal")], territories=territories
        )
        SeatFactory.create(organization=organization)
        SeatFactory.create(organization=organization)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", [ANONYMOUS, Role.MEMBER])
def test_exports_query_count_does_not_grow_with_the_directory(
    client_as, charlevoix_est, la_malbaie, query_budget, role, fmt
):
    meter = query_budget(12)
    client = client_as(role)
    url = reverse("network:organization_export", args=[fmt])

    def export():
        response = client.get(url)
        assert response.status_code == 200
        # The CSV's queries run as it streams.
        return b"".join(response.streaming_content) if response.streaming else response.content

    _make(3, [charlevoix_est])
    small = meter(export)
    _make(60, [charlevoix_est, la_malbaie])
    assert meter(export) == small


def test_the_csv_streams_compressed_to_a_browser_that_accepts_it(member_client, organizations):
    url = reverse("network:organization_export", args=["csv"])
    response = member_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    text = gzip.decompress(b"".join(response.streaming_content)).decode("utf-8-sig")
    assert text.startswith("Nom;Sigle;")
    assert "alpha@example.org" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_change_shows_in_the_next_export_at_once(member_client, organizations, la_malbaie, fmt):
    """The built file is kept until a change to anything it shows."""
    url = reverse("network:organization_export", args=[fmt])

    def export() -> str:
        response = member_client.get(url)
        if fmt == "csv":
            return csv_text(response)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return repr(list(sheet.iter_rows(values_only=True)))

    first = export()
    assert export() == first  # kept
    alpha = organizations.organization
    alpha.name = "Alpha renommée (fictif)"
    alpha.save()
    assert "Alpha renommée (fictif)" in export()
    alpha.territories.add(la_malbaie)
    assert "Charlevoix-Est, La Malbaie" in export()
    municipal = sector("municipal")
    municipal.name_fr = "Municipal renommé"
    municipal.save()
    assert "Municipal renommé" in export()
    holder = organizations.holder
    holder.email = "nouvelle@example.org"
    holder.save()
    assert "nouvelle@example.org" in export()
    organizations.end_date = organizations.start_date
    organizations.save()
    assert "nouvelle@example.org" not in export()


def test_the_kept_files_differ_by_audience_filters_and_language(
    client, member_client, organizations
):
    url = reverse("network:organization_export", args=["csv"])
    assert "alpha@example.org" in csv_text(member_client.get(url))
    assert "alpha@example.org" not in csv_text(client.get(url))
    assert "Alpha (fictif)" not in csv_text(member_client.get(url, {"sector": "municipal"}))
    # An English request leaves English active: put back what was.
    with translation.override(translation.get_language()):
        with translation.override("en"):
            english_url = reverse("network:organization_export", args=["csv"])
        english = csv_text(member_client.get(english_url))
    assert english.startswith("Name;") and "alpha@example.org" in english
