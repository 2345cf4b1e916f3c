"""Dashboards: sums exact to the cent by every axis on a hand-built set of movements, the same
totals in the accountability export (XLSX, PDF), the public list of funded projects, and query
counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.funding.models import Agreement, Application, Movement, MovementKind
from maillage.funding.selectors.dashboards import (
    DashboardFilters,
    FundedProjectFilters,
    accountability_rows,
    dashboard,
    funded_projects,
)
from maillage.funding.tests.factories import (
    ApplicationFactory,
    FundFactory,
    envelope,
    funded,
    mrc,
    region,
    stream,
    transfer,
)
from maillage.network.tests.factories import municipality
from maillage.territories.tests.factories import BoundaryFactory, square

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def money() -> SimpleNamespace:
    """Two MRCs and the region; allocations, a transfer, commitments, a release, payments.

    Charlevoix-Est, local 2024: 100 000 allocated, 10 000 sent to Québec; project A granted
    40 000 (strategies 1 and 2), 5 000 released, 20 000 paid.
    Québec, local 2024: 50 000 allocated, 10 000 received; project B granted 25 000
    (strategy 1), completed, 10 000 paid.
    The region, regional 2025: 30 000 allocated; project C granted 12 345,67 (no strategy).
    Another fund: 1 000 allocated in Charlevoix-Est, nothing committed."""
    fund = FundFactory(name="FQIS 2024-2029", slug="fqis")
    home = region()
    east = mrc()
    city = mrc(code="2423", name="Québec")
    east_local = envelope(east, amount="100000.00", fund=fund, year=2024)
    city_local = envelope(city, amount="50000.00", fund=fund, year=2024)
    regional = envelope(home, amount="30000.00", key="regional", fund=fund, year=2025)
    transfer(east_local, city_local, "10000.00")
    a = funded(
        east_local,
        granted="40000.00",
        released="5000.00",
        paid=("15000.00", "5000.00"),
        strategies=("concertation-intersectorielle", "action-communautaire"),
        title="Cuisines collectives de La Malbaie",
    )
    b = funded(
        city_local,
        granted="25000.00",
        paid=("10000.00",),
        strategies=("concertation-intersectorielle",),
        state="completed",
        title="Épicerie solidaire de Limoilou",
    )
    c = funded(regional, granted="12345.67", title="Forum régional sur l'habitation")
    other = envelope(east, amount="1000.00", fund=FundFactory(name="Autre fonds"), year=2024)
    return SimpleNamespace(
        fund=fund,
        region=home,
        east=east,
        city=city,
        east_local=east_local,
        city_local=city_local,
        regional=regional,
        other=other,
        a=a,
        b=b,
        c=c,
    )


def figures(line) -> tuple[Decimal | None, Decimal, Decimal, Decimal | None]:
    return line.budget, line.committed, line.paid, line.remaining


def by_label(table) -> dict[str, tuple]:
    return {line.label: figures(line) for line in table.lines}


def test_the_dashboard_adds_up_to_the_cent_by_every_axis(money):
    board = dashboard(SYSTEM, DashboardFilters(fund=money.fund))
    assert figures(board.total) == (D("180000.00"), D("72345.67"), D("30000.00"), D("107654.33"))
    assert by_label(board.by_territory) == {
        "Capitale-Nationale": (D("30000.00"), D("12345.67"), D("0.00"), D("17654.33")),
        "Charlevoix-Est": (D("90000.00"), D("35000.00"), D("20000.00"), D("55000.00")),
        "Québec": (D("60000.00"), D("25000.00"), D("10000.00"), D("35000.00")),
    }
    # The region's own envelopes come first.
    assert board.by_territory.lines[0].label == "Capitale-Nationale"
    assert by_label(board.by_stream) == {
        "Local": (D("150000.00"), D("60000.00"), D("30000.00"), D("90000.00")),
        "Régional": (D("30000.00"), D("12345.67"), D("0.00"), D("17654.33")),
    }
    assert by_label(board.by_year) == {
        "2024-2025": (D("150000.00"), D("60000.00"), D("30000.00"), D("90000.00")),
        "2025-2026": (D("30000.00"), D("12345.67"), D("0.00"), D("17654.33")),
    }
    assert by_label(board.by_fund) == {
        "FQIS 2024-2029": (D("180000.00"), D("72345.67"), D("30000.00"), D("107654.33"))
    }
    assert len(board.by_envelope.lines) == 3
    assert sum(line.budget for line in board.by_envelope.lines) == board.total.budget
    assert board.territories[money.east.pk].unpaid == D("15000.00")


def test_a_project_with_two_strategies_counts_in_both_lines(money):
    board = dashboard(SYSTEM, DashboardFilters(fund=money.fund))
    lines = {
        line.key: (line.committed, line.paid, line.projects, line.budget)
        for line in board.by_strategy.lines
    }
    assert lines == {
        "concertation-intersectorielle": (D("60000.00"), D("30000.00"), 2, None),
        "action-communautaire": (D("35000.00"), D("20000.00"), 1, None),
        "": (D("12345.67"), D("0.00"), 1, None),
    }
    # The lines add up to more than the total, which counts each project once.
    assert sum(line[0] for line in lines.values()) == D("107345.67")
    assert board.by_strategy.total.committed == D("72345.67")


def test_the_filters_narrow_the_envelopes_counted(money):
    everything = dashboard(SYSTEM, DashboardFilters())
    assert everything.total.budget == D("181000.00")
    assert {line.label for line in everything.by_fund.lines} == {"FQIS 2024-2029", "Autre fonds"}
    assert by_label(everything.by_territory)["Charlevoix-Est"][0] == D("91000.00")
    east = dashboard(SYSTEM, DashboardFilters(fund=money.fund, territory=money.east))
    assert figures(east.total) == (D("90000.00"), D("35000.00"), D("20000.00"), D("55000.00"))
    later = dashboard(SYSTEM, DashboardFilters(fiscal_year=2025))
    assert figures(later.total) == (D("30000.00"), D("12345.67"), D("0.00"), D("17654.33"))
    assert [line.key for line in later.by_strategy.lines] == [""]
    regional = dashboard(SYSTEM, DashboardFilters(stream=stream("regional")))
    assert regional.total.committed == D("12345.67")


def test_only_staff_read_the_dashboard(money):
    with pytest.raises(PermissionDenied):
        dashboard(user_with_role(Role.MEMBER), DashboardFilters())


def test_the_accountability_rows_match_the_dashboard(money):
    Agreement.objects.create(
        application=money.b,
        number="CAF-2024-007",
        amount=D("25000.00"),
        start_date=dt.date(2024, 9, 1),
        end_date=dt.date(2025, 8, 31),
        signed_on=dt.date(2024, 8, 20),
    )
    board = dashboard(SYSTEM, DashboardFilters(fund=money.fund))
    report = accountability_rows(SYSTEM, DashboardFilters(fund=money.fund))
    references = sorted([money.a.reference, money.b.reference])
    assert [row.reference for row in report.rows] == [*references, money.c.reference]
    assert (report.committed, report.paid) == (board.total.committed, board.total.paid)
    assert report.granted == D("77345.67")
    row = next(r for r in report.rows if r.reference == money.b.reference)
    assert (row.organization, row.territories, row.stream, row.fiscal_year) == (
        money.b.organization.name,
        "Québec",
        "Local",
        "2024-2025",
    )
    assert (row.granted, row.committed, row.paid, row.unpaid) == (
        D("25000.00"),
        D("25000.00"),
        D("10000.00"),
        D("15000.00"),
    )
    # The public name of the state, never an internal one.
    assert row.status == "Projet terminé"
    assert (row.agreement, row.signed_on) == ("CAF-2024-007", dt.date(2024, 8, 20))
    other = next(r for r in report.rows if r.reference == money.a.reference)
    assert (other.agreement, other.signed_on) == ("", None)


def staff_client() -> Client:
    client = Client()
    client.force_login(user_with_role(Role.STAFF))
    return client


def test_the_xlsx_opens_and_its_totals_equal_the_dashboards(money):
    client = staff_client()
    query = f"?fund={money.fund.slug}"
    response = client.get(reverse("funding:accountability_xlsx") + query)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers, lines, totals = rows[0], rows[1:-1], rows[-1]
    assert len(lines) == 3
    assert headers[7] == "Engagé"
    board = dashboard(SYSTEM, DashboardFilters(fund=money.fund))
    assert D(str(totals[7])).quantize(D("0.01")) == board.total.committed
    assert D(str(totals[8])).quantize(D("0.01")) == board.total.paid
    assert sum(D(str(line[7])) for line in lines) == board.total.committed
    assert totals[0] == "Total"


def test_the_pdf_summary_is_a_pdf(money):
    response = staff_client().get(reverse("funding:accountability_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_dashboard_page_shows_the_tables_the_map_and_the_exports(money):
    BoundaryFactory(territory=money.east, geometry=square(-70.5, 47.5))
    BoundaryFactory(territory=money.city, geometry=square(-71.3, 46.8))
    BoundaryFactory(territory=mrc(code="2420", name="L'Île-d'Orléans"), geometry=square(-71, 46.9))
    response = staff_client().get(reverse("funding:dashboard"), {"fund": money.fund.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert "180\N{NO-BREAK SPACE}000,00\N{NO-BREAK SPACE}$" in html  # the budget, in French
    assert "72\N{NO-BREAK SPACE}345,67\N{NO-BREAK SPACE}$" in html
    assert "<caption>Argent engagé par territoire (données de la carte)</caption>" in html
    assert 'id="funding-nothing"' in html  # the hatching of the territory without money
    # Its area is named for what it shows: the map says it in words too.
    assert 'aria-label="L&#x27;Île-d&#x27;Orléans : rien d&#x27;engagé"' in html
    assert 'aria-label="Charlevoix-Est : 35 000,00 $ engagés"' in html
    assert reverse("funding:accountability_xlsx") + f"?fund={money.fund.slug}" in html


def test_a_filter_that_cannot_be_read_is_left_out(money):
    response = staff_client().get(
        reverse("funding:dashboard"), {"fund": "inconnu", "year": "99999999999999999999"}
    )
    assert response.status_code == 200
    assert response.context["dashboard"].total.budget == D("181000.00")


def test_the_public_list_shows_only_funded_projects_and_no_personal_information(money):
    draft = ApplicationFactory(title="Projet en brouillon", state="draft")
    declined = ApplicationFactory(title="Projet refusé", state="declined")
    reviewed = ApplicationFactory(title="Projet à l'analyse", state="in_review")
    author = money.a.created_by or user_with_role(Role.MEMBER)
    Application.objects.filter(pk=money.a.pk).update(created_by=author)
    response = Client().get(reverse("funding:funded_projects"))
    assert response.status_code == 200
    html = response.content.decode()
    for project in (money.a, money.b, money.c):
        assert project.title.replace("'", "&#x27;") in html
    for project in (draft, declined, reviewed):
        assert project.title.replace("'", "&#x27;") not in html
    assert author.email not in html
    assert money.a.summary not in html
    assert "25\N{NO-BREAK SPACE}000,00\N{NO-BREAK SPACE}$" in html


def test_the_public_list_filters_by_territory_served_and_year(money):
    town = municipality(parent=money.east)
    money.a.territories.set([town])
    inside = funded_projects(FundedProjectFilters(territory=money.east))
    assert [p.title for p in inside.object_list] == [money.a.title]
    assert [p.title for p in funded_projects(FundedProjectFilters(fiscal_year=2025))] == [
        money.c.title
    ]
    response = Client().get(reverse("funding:funded_projects"), {"year": "2024"})
    assert {p.title for p in response.context["page"].object_list} == {
        money.a.title,
        money.b.title,
    }


def test_the_public_list_answers_in_english_too(money):
    with translation.override("en"):
        url = reverse("funding:funded_projects")
    assert url.startswith("/en/")
    response = Client().get(url)
    assert response.status_code == 200
    assert "Funded projects" in response.content.decode()


def grow(money, count: int) -> None:
    """`count` more funded projects on the region's envelope, each with its movements, in
    bulk."""
    projects = Application.objects.bulk_create(
        ApplicationFactory.build(
            call=money.a.call,
            organization=money.a.organization,
            envelope=money.regional,
            state="accepted",
            amount_granted=D("1.00"),
        )
        for _ in range(count)
    )
    Movement.objects.bulk_create(
        Movement(envelope=money.regional, kind=kind, amount=D("1.00"), application=project)
        for project in projects
        for kind in (MovementKind.COMMITMENT, MovementKind.PAYMENT)
    )
    through = Application.strategies.through
    strategy_ids = list(money.a.strategies.values_list("pk", flat=True))
    through.objects.bulk_create(
        through(application_id=project.pk, strategy_id=strategy_ids[i % 2])
        for i, project in enumerate(projects)
    )


def test_the_pages_keep_their_query_count_from_10_to_1000_applications(money, query_budget):
    meter = query_budget(15)
    staff = staff_client()
    anonymous = Client()
    pages = [
        (staff, reverse("funding:dashboard")),
        (staff, reverse("funding:dashboard") + f"?fund={money.fund.slug}&year=2025"),
        (staff, reverse("funding:accountability_xlsx")),
        (anonymous, reverse("funding:funded_projects")),
        (anonymous, reverse("funding:funded_projects") + f"?territory={money.east.slug}"),
    ]
    grow(money, 7)
    small = [meter.get(client, url) for client, url in pages]
    grow(money, 990)
    assert [meter.get(client, url) for client, url in pages] == small
    board = dashboard(SYSTEM, DashboardFilters(fund=money.fund))
    assert board.total.committed == D("72345.67") + 997


def test_a_territory_of_the_region_without_envelope_is_a_filter_of_its_own(money):
    island = mrc(code="2420", name="L'Île-d'Orléans")
    response = staff_client().get(reverse("funding:dashboard"), {"territory": island.slug})
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert response.context["dashboard"].total.budget == D("0.00")


def test_the_money_pages_are_kept_until_the_money_or_a_name_changes(money, query_budget):
    client = staff_client()
    query = f"?fund={money.fund.slug}"
    pages = [
        reverse("funding:dashboard") + query,
        reverse("funding:funded_projects"),
        reverse("funding:accountability_xlsx") + query,
    ]
    meter = query_budget(30)
    for url in pages:
        built, kept = meter.get(client, url), meter.get(client, url, kept=True)
        assert kept <= built - 3, url
    exported = client.get(pages[2]).content
    assert client.get(pages[2]).content == exported  # the same file, kept

    funded(money.city_local, granted="1000.00", title="Halte-garderie de Vanier")
    assert "73\N{NO-BREAK SPACE}345,67\N{NO-BREAK SPACE}$" in client.get(pages[0]).text
    assert "Halte-garderie de Vanier" in client.get(pages[1]).text
    sheet = load_workbook(io.BytesIO(client.get(pages[2]).content)).active
    assert len(list(sheet.iter_rows(values_only=True))) == 1 + 4 + 1  # headers, lines, totals
    money.a.organization.name = "Cuisines collectives Charlevoix"
    money.a.organization.save()
    assert "Cuisines collectives Charlevoix" in client.get(pages[1]).text
