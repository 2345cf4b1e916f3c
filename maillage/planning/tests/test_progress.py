"""Where a target stands: the latest indicator value (the later year wins), or for a counted
target its latest update; the share of the way and the status follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from maillage.planning.models import ProgressUpdate, Target
from maillage.planning.progress import ProgressStatus, progress, with_measures
from maillage.planning.tests.factories import (
    CountTargetFactory,
    IndicatorTargetFactory,
    ObjectiveFactory,
)
from maillage.portrait.tests.factories import MrcFactory, RegionFactory, value

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def _measured(target: Target) -> Target:
    return with_measures(Target.objects.filter(pk=target.pk)).get()


def test_the_later_year_of_the_indicator_wins_and_the_status_follows_it():
    region = RegionFactory()
    # From 12 % in 2021 down to 10 % by 2029: the later value (2024, 10.5) says 3/4 of the way.
    target = IndicatorTargetFactory(territory=region)
    value(target.indicator, region, 2024, "10.5")
    value(target.indicator, region, 2016, "13")  # older, written later: not the measure
    result = progress(_measured(target), today=TODAY)
    assert result.current == Decimal("10.5")
    assert result.measured == "2024"
    assert result.share == Decimal("0.75")
    assert result.percent == 75
    assert result.status == ProgressStatus.ON_TRACK

    # A newer year that moves the wrong way: the status follows the latest year.
    value(target.indicator, region, 2025, "12.5")
    result = progress(_measured(target), today=TODAY)
    assert result.current == Decimal("12.5")
    assert result.measured == "2025"
    assert result.share == Decimal("-0.25")
    assert result.percent == 0
    assert result.status == ProgressStatus.BEHIND

    value(target.indicator, region, 2026, "9.8")
    result = progress(_measured(target), today=TODAY)
    assert result.status == ProgressStatus.REACHED
    assert result.percent == 100


def test_a_value_of_another_territory_is_not_the_measure():
    region = RegionFactory()
    target = IndicatorTargetFactory(territory=region)
    value(target.indicator, MrcFactory(code="2415", name="Charlevoix-Est"), 2024, "9")
    result = progress(_measured(target), today=TODAY)
    assert result.current is None
    assert result.status == ProgressStatus.NO_DATA


def test_a_counted_target_reads_its_latest_update():
    objective = ObjectiveFactory()
    target = CountTargetFactory(objective=objective)  # 0 → 20 by 2029-03-31
    ProgressUpdate.objects.create(
        objective=objective, target=target, date=dt.date(2026, 3, 1), value=Decimal("12")
    )
    ProgressUpdate.objects.create(
        objective=objective, target=target, date=dt.date(2025, 3, 1), value=Decimal("4")
    )
    # A note without a value does not measure anything.
    ProgressUpdate.objects.create(
        objective=objective, target=target, date=dt.date(2026, 5, 1), note="Rencontre."
    )
    result = progress(_measured(target), today=TODAY)
    assert result.current == Decimal("12")
    assert result.measured == "2026-03-01"
    assert result.share == Decimal("0.6")
    assert result.status == ProgressStatus.ON_TRACK

    ProgressUpdate.objects.create(
        objective=objective, target=target, date=dt.date(2026, 5, 20), value=Decimal("2")
    )
    result = progress(_measured(target), today=TODAY)
    assert result.current == Decimal("2")
    assert result.status == ProgressStatus.BEHIND


def test_past_its_date_an_unreached_target_is_late():
    target = CountTargetFactory()
    assert progress(_measured(target), today=dt.date(2030, 1, 1)).status == ProgressStatus.LATE
    assert progress(_measured(target), today=TODAY).status == ProgressStatus.NO_DATA
