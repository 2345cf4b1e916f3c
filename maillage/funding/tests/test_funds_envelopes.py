"""Funds and envelopes: created and amended (audited), money transferred and carried over as
pairs of movements, never beyond what is not committed; the fund's pages and their queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.funding import selectors
from maillage.funding.models import Envelope, Movement, MovementKind
from maillage.funding.services import funds as services
from maillage.funding.tests.factories import (
    ApplicationFactory,
    FundFactory,
    envelope,
    mrc,
    mrcs_of_region,
    stream,
)
from maillage.funding.verbs import FundingVerb

pytestmark = pytest.mark.django_db


def test_a_fund_is_created_then_amended_with_its_changes_audited(staff):
    fund = services.fund_create(
        actor=staff,
        name="FQIS 2024-2029",
        funder="MESS",
        start_date=dt.date(2024, 4, 1),
        end_date=dt.date(2029, 3, 31),
        total=Decimal("4200000"),
    )
    assert fund.slug == "fqis-2024-2029"
    changes = services.fund_update(actor=staff, fund=fund, total=Decimal("4300000.00"))
    assert changes == {"total": ["4200000.00", "4300000.00"]}
    event = AuditEvent.objects.get(verb=FundingVerb.FUND_AMENDED.value)
    assert event.payload == {"total": ["4200000.00", "4300000.00"]}
    with pytest.raises(ValidationError):
        services.fund_update(actor=staff, fund=fund, end_date=dt.date(2020, 1, 1))


def test_only_staff_create_a_fund(member_client):
    from maillage.core.roles import Role
    from maillage.funding.tests.factories import user_with_person

    with pytest.raises(PermissionDenied):
        services.fund_create(
            actor=user_with_person(Role.MEMBER),
            name="X",
            funder="Y",
            start_date=dt.date(2024, 4, 1),
            end_date=dt.date(2025, 3, 31),
            total=Decimal("1"),
        )


def test_an_envelope_starts_with_its_budget_as_an_allocation(staff):
    fund = FundFactory()
    created = services.envelope_create(
        actor=staff,
        fund=fund,
        territory=mrc(),
        stream=stream("local"),
        fiscal_year=2025,
        amount=Decimal("90000"),
    )
    assert list(created.movements.values_list("kind", "amount")) == [
        (MovementKind.ALLOCATION, Decimal("90000.00"))
    ]
    with pytest.raises(ValidationError) as twice:
        services.envelope_create(
            actor=staff, fund=fund, territory=mrc(), stream=stream("local"), fiscal_year=2025
        )
    assert "déjà une enveloppe" in " ".join(twice.value.messages)
    with pytest.raises(ValidationError) as outside:
        services.envelope_create(
            actor=staff, fund=fund, territory=mrc(), stream=stream("local"), fiscal_year=2031
        )
    assert "fiscal_year" in outside.value.message_dict


def test_a_transfer_is_two_movements_and_never_takes_committed_money(staff):
    fund = FundFactory()
    places = mrcs_of_region({"Charlevoix": 1, "Portneuf": 2})
    source = envelope(places[0], fund=fund, amount="50000")
    target = envelope(places[1], fund=fund, amount="10000")
    services.envelope_commit(
        actor=staff, envelope=source, application=ApplicationFactory(), amount=Decimal("30000")
    )
    with pytest.raises(services.MoneyRefused) as refused:
        services.envelope_transfer(
            actor=staff, source=source, target=target, amount=Decimal("20000.01")
        )
    assert "20\xa0000,00\xa0$" in " ".join(refused.value.message_dict["amount"])
    services.envelope_transfer(actor=staff, source=source, target=target, amount=Decimal("20000"))
    assert selectors.envelope_balance(source).amount == Decimal("30000.00")
    assert selectors.envelope_balance(source).remaining == Decimal("0.00")
    assert selectors.envelope_balance(target).amount == Decimal("30000.00")
    out = Movement.objects.get(kind=MovementKind.TRANSFER_OUT)
    assert (out.envelope, out.counterpart) == (source, target)
    with pytest.raises(ValidationError) as elsewhere:
        services.envelope_transfer(
            actor=staff, source=target, target=envelope(fund=FundFactory()), amount=Decimal(1)
        )
    assert "target" in elsewhere.value.message_dict


def test_a_carry_over_creates_next_years_envelope_with_what_is_not_committed(staff):
    fund = FundFactory()
    pot = envelope(fund=fund, amount="40000", year=2025)
    services.envelope_commit(
        actor=staff, envelope=pot, application=ApplicationFactory(), amount=Decimal("32500.50")
    )
    services.envelope_carry_over(actor=staff, envelope=pot)
    following = Envelope.objects.get(fund=fund, fiscal_year=2026)
    assert (following.territory_id, following.stream_id) == (pot.territory_id, pot.stream_id)
    assert selectors.envelope_balance(following).amount == Decimal("7499.50")
    assert selectors.envelope_balance(pot).remaining == Decimal("0.00")
    with pytest.raises(services.MoneyRefused):
        services.envelope_carry_over(actor=staff, envelope=pot)
    # Once more next year, into the envelope that now exists.
    services.envelope_carry_over(actor=staff, envelope=following, amount=Decimal("499.50"))
    assert Envelope.objects.filter(fund=fund).count() == 3
    assert AuditEvent.objects.filter(verb=FundingVerb.MONEY_CARRIED_OVER.value).count() == 4


def _fill(fund, years: int, per_year: int) -> None:
    places = mrcs_of_region({f"MRC {i}": 1000 + i for i in range(per_year)})
    for year in range(2024, 2024 + years):
        for place in places:
            pot = envelope(place, fund=fund, amount="1000", year=year)
            Movement.objects.create(envelope=pot, kind=MovementKind.COMMITMENT, amount=100)


def test_the_fund_page_reads_its_envelopes_in_constant_queries(staff_client, query_budget):
    small, large = FundFactory(), FundFactory()
    _fill(small, 1, 1)
    _fill(large, 4, 7)
    meter = query_budget(12)
    url = reverse("funding:fund_detail", kwargs={"slug": small.slug})
    few = meter.get(staff_client, url)
    many = meter.get(staff_client, reverse("funding:fund_detail", kwargs={"slug": large.slug}))
    assert few == many
    page = staff_client.get(reverse("funding:fund_detail", kwargs={"slug": large.slug})).text
    assert "2027-2028" in page
    assert page.count("6\xa0300,00\xa0$") == 4  # each year: 7 envelopes × 900 remaining


def test_the_fund_list_reads_in_constant_queries(staff_client, query_budget):
    _fill(FundFactory(), 1, 1)
    meter = query_budget(10)
    few = meter.get(staff_client, reverse("funding:fund_list"))
    for _ in range(5):
        _fill(FundFactory(), 1, 2)
    assert meter.get(staff_client, reverse("funding:fund_list")) == few


def test_the_envelope_form_keeps_what_was_typed_and_says_why(staff_client):
    fund = FundFactory()
    url = reverse("funding:envelope_create", kwargs={"slug": fund.slug})
    page = staff_client.get(url)
    assert page.status_code == 200
    territory = mrc()
    data = {
        "territory": territory.pk,
        "stream": stream("local").pk,
        "fiscal_year": 2025,
        "amount": "-5",
    }
    refused = staff_client.post(url, data)
    assert refused.status_code == 400
    assert 'value="-5"' in refused.text
    accepted = staff_client.post(url, data | {"amount": "12000"})
    assert accepted.status_code == 302
    assert Envelope.objects.filter(fund=fund, territory=territory).exists()


def test_the_transfer_page_refuses_beyond_the_balance_at_the_amount(staff_client):
    fund = FundFactory()
    places = mrcs_of_region({"A": 1, "B": 2})
    source = envelope(places[0], fund=fund, amount="100")
    target = envelope(places[1], fund=fund, amount="0.01")
    url = reverse("funding:transfer_create", kwargs={"slug": fund.slug})
    refused = staff_client.post(url, {"source": source.pk, "target": target.pk, "amount": "100.01"})
    assert refused.status_code == 400
    assert "100,00\xa0$" in refused.text
    assert not Movement.objects.filter(kind=MovementKind.TRANSFER_OUT).exists()


def test_the_split_page_previews_by_get_and_records_by_post(staff_client):
    fund = FundFactory()
    places = mrcs_of_region({"Charlevoix": 1000, "Portneuf": 3000})
    url = reverse("funding:split_create", kwargs={"slug": fund.slug})
    assert staff_client.get(url).status_code == 200
    query = {
        "amount": "1000.00",
        "stream": stream("local").pk,
        "fiscal_year": 2025,
        "method": "population",
        "regional_percent": "0",
        "territories": [p.pk for p in places],
    }
    preview = staff_client.get(url, query)
    assert preview.status_code == 200
    assert "250,00\xa0$" in preview.text and "750,00\xa0$" in preview.text
    assert not Envelope.objects.filter(fund=fund).exists()
    recorded = staff_client.post(url, query)
    assert recorded.status_code == 302
    assert sorted(
        selectors.envelope_balance(e).amount for e in Envelope.objects.filter(fund=fund)
    ) == [Decimal("250.00"), Decimal("750.00")]
    weights = staff_client.get(url, query | {"method": "weights"})
    assert weights.status_code == 400
    assert "Donnez un poids" in weights.text or "weight" in weights.text


def test_the_fund_form_amends_the_fund_and_keeps_a_wrong_period(staff_client):
    fund = FundFactory(name="FQIS")
    url = reverse("funding:fund_update", kwargs={"slug": fund.slug})
    data = {
        "name": "FQIS 2024-2029",
        "funder": fund.funder,
        "start_date": "2024-04-01",
        "end_date": "2023-03-31",
        "total": "4200000.00",
        "split_method": "equal",
    }
    refused = staff_client.post(url, data)
    assert refused.status_code == 400 and 'value="FQIS 2024-2029"' in refused.text
    assert staff_client.post(url, data | {"end_date": "2029-03-31"}).status_code == 302
    fund.refresh_from_db()
    assert (fund.name, fund.split_method, fund.slug) == ("FQIS 2024-2029", "equal", fund.slug)
