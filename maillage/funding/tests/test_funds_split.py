"""Splitting an amount among territories: the three formulas, to the cent, with a regional part;
the parts always add up exactly to the amount split."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from maillage.core.models import AuditEvent
from maillage.funding import selectors
from maillage.funding.models import Envelope, Movement, SplitMethod
from maillage.funding.selectors.funds import fund_detail
from maillage.funding.services.funds import fund_split, split_preview
from maillage.funding.tests.factories import FundFactory, mrcs_of_region, region, stream
from maillage.funding.verbs import FundingVerb


def place(pk: int, code: str, population: int | None = None) -> Any:
    """A territory as the pure preview reads it (no database)."""
    return SimpleNamespace(pk=pk, code=code, population=population, __str__=lambda: code)


THREE = [place(1, "2301", 1), place(2, "2302", 1), place(3, "2303", 1)]


def test_equal_shares_give_the_remainder_cents_in_a_stable_order():
    preview = split_preview(amount=Decimal("100.00"), method=SplitMethod.EQUAL, territories=THREE)
    assert [line.amount for line in preview.lines] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert preview.remainder_cents == 1
    assert [line.remainder_cent for line in preview.lines] == [True, False, False]
    assert preview.total == Decimal("100.00")


def test_shares_of_population_with_a_regional_part_add_up_to_the_cent():
    places = [place(1, "2301", 16_000), place(2, "2302", 29_000), place(3, "2303", 555_000)]
    preview = split_preview(
        amount=Decimal("1142251.00"),
        method=SplitMethod.POPULATION,
        territories=places,
        regional_percent=Decimal("10"),
    )
    assert preview.regional_amount == Decimal("114225.10")
    assert preview.distributed == Decimal("1028025.90")
    # 1,028,025.90 × 16/600 = 27,414.024, × 29/600 = 49,687.9185, × 555/600 = 950,923.9575
    assert [line.amount for line in preview.lines] == [
        Decimal("27414.02"),
        Decimal("49687.92"),
        Decimal("950923.96"),
    ]
    assert [line.exact for line in preview.lines] == [
        Decimal("27414.0240"),
        Decimal("49687.9185"),
        Decimal("950923.9575"),
    ]
    assert preview.total == Decimal("1142251.00")
    assert sum(line.amount for line in preview.lines) + preview.regional_amount == Decimal(
        "1142251.00"
    )


def test_custom_weights_give_each_remainder_cent_to_the_largest_loss():
    preview = split_preview(
        amount=Decimal("0.10"),
        method=SplitMethod.WEIGHTS,
        territories=THREE,
        weights={1: Decimal("1"), 2: Decimal("2"), 3: Decimal("4")},
    )
    # 10 cents × 1/7, 2/7, 4/7 = 1.43, 2.86, 5.71: floors 1, 2, 5; two cents left go to the
    # parts that lost .86 and .71.
    assert [line.amount for line in preview.lines] == [
        Decimal("0.01"),
        Decimal("0.03"),
        Decimal("0.06"),
    ]
    assert preview.total == Decimal("0.10")


@pytest.mark.parametrize("method", list(SplitMethod))
@pytest.mark.parametrize("amount", ["0.01", "999.99", "4200000.00", "1234567.89"])
def test_every_formula_adds_up_exactly(method, amount):
    places = [place(i, f"23{i:02d}", 1000 + 7919 * i) for i in range(1, 8)]
    preview = split_preview(
        amount=Decimal(amount),
        method=method,
        territories=places,
        regional_percent=Decimal("12.5"),
        weights={p.pk: Decimal(p.pk) / 3 for p in places},
    )
    assert preview.total == Decimal(amount)
    assert all(line.amount >= 0 for line in preview.lines)


def test_a_territory_without_population_or_weight_is_refused_at_the_formula():
    with pytest.raises(ValidationError) as refused:
        split_preview(
            amount=Decimal("10"), method=SplitMethod.POPULATION, territories=[place(1, "1")]
        )
    assert "method" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        split_preview(
            amount=Decimal("10"),
            method=SplitMethod.WEIGHTS,
            territories=THREE,
            weights={1: Decimal(1)},
        )
    assert "method" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        split_preview(
            amount=Decimal("10"),
            method=SplitMethod.EQUAL,
            territories=THREE,
            regional_percent=Decimal("101"),
        )
    assert "regional_percent" in refused.value.message_dict


@pytest.mark.django_db
def test_recording_a_split_allocates_each_part_to_its_envelope(staff):
    fund = FundFactory()
    places = mrcs_of_region({"Charlevoix": 13_000, "Portneuf": 55_000, "Québec": 550_000})
    preview = fund_split(
        actor=staff,
        fund=fund,
        stream=stream("local"),
        fiscal_year=2025,
        amount=Decimal("687251.00"),
        method=SplitMethod.POPULATION,
        territories=places,
        regional_percent=Decimal("10"),
        region=region(),
    )
    amounts = {
        e.territory_id: selectors.envelope_balance(e).amount
        for e in Envelope.objects.filter(fund=fund)
    }
    assert amounts == {
        **{line.territory.pk: line.amount for line in preview.lines},
        region().pk: preview.regional_amount,
    }
    assert sum(amounts.values()) == Decimal("687251.00")
    assert Movement.objects.filter(envelope__fund=fund).count() == 4
    fund.refresh_from_db()
    assert fund.split_method == SplitMethod.POPULATION
    assert AuditEvent.objects.filter(verb=FundingVerb.FUND_SPLIT.value).exists()
    assert fund_detail(fund).total.amount == Decimal("687251.00")


@pytest.mark.django_db
def test_a_regional_part_needs_a_region_and_nothing_is_recorded(staff):
    fund = FundFactory()
    places = mrcs_of_region({"Charlevoix": 13_000})
    with pytest.raises(ValidationError):
        fund_split(
            actor=staff,
            fund=fund,
            stream=stream("local"),
            fiscal_year=2025,
            amount=Decimal("1000"),
            method=SplitMethod.EQUAL,
            territories=places,
            regional_percent=Decimal("10"),
        )
    assert not Envelope.objects.filter(fund=fund).exists()
