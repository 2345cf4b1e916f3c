"""Where a target stands: its latest measure, the share of the way covered from its baseline to
its target value, and whether that is reached, on track or late.

A target measured by an indicator reads the portrait's latest value for its territory (the most
recent year); a counted target reads its latest progress update that gives a value. The measure
is annotated on the queryset (`with_measures`), so a page of many targets costs no extra query.

"On track" compares the share of the way covered with the share of the time elapsed *when the
measure was taken* (a census figure published every five years is not late for being old), with a
tolerance of a tenth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.planning.models import ProgressUpdate, Target, TargetKind
from maillage.portrait.models import Value

TOLERANCE = Decimal("0.1")


class ProgressStatus(models.TextChoices):
    REACHED = "reached", _("Reached")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind schedule")
    LATE = "late", _("Late")
    NO_DATA = "no_data", _("Not measured yet")


@dataclass(frozen=True)
class Progress:
    current: Decimal | None
    # When the current value was measured: the indicator's period ("2021") or the update's date.
    measured: str
    # The share of the way from the baseline to the target value (1 = reached; may fall below 0
    # when the measure moved the wrong way).
    share: Decimal | None
    status: ProgressStatus

    @property
    def percent(self) -> int:
        """The share as a percentage between 0 and 100, for bars."""
        if self.share is None:
            return 0
        return int(max(Decimal(0), min(Decimal(1), self.share)) * 100)

    @property
    def is_late(self) -> bool:
        return self.status in (ProgressStatus.LATE, ProgressStatus.BEHIND)


def with_measures(targets: models.QuerySet[Target]) -> models.QuerySet[Target]:
    """`targets` annotated with their latest measure (`measure_value`, `measure_year`,
    `measure_label`), from the portrait or from the progress updates by their kind."""
    latest_value = Value.objects.filter(
        indicator=OuterRef("indicator"), territory=OuterRef("territory")
    ).order_by("-year", "-period", "-pk")
    latest_update = ProgressUpdate.objects.filter(
        target=OuterRef("pk"), value__isnull=False
    ).order_by("-date", "-pk")
    return targets.annotate(
        indicator_value=Subquery(latest_value.values("value")[:1]),
        indicator_year=Subquery(latest_value.values("year")[:1]),
        indicator_period=Subquery(latest_value.values("period")[:1]),
        update_value=Subquery(latest_update.values("value")[:1]),
        update_date=Subquery(latest_update.values("date")[:1]),
    )


def _measure(target: Target) -> tuple[Decimal | None, dt.date | None, str]:
    if target.kind == TargetKind.INDICATOR:
        year = getattr(target, "indicator_year", None)
        current = getattr(target, "indicator_value", None)
        if current is None or year is None:
            return None, None, ""
        return (
            Decimal(current),
            dt.date(int(year), 12, 31),
            str(getattr(target, "indicator_period", "")),
        )
    current = getattr(target, "update_value", None)
    date = getattr(target, "update_date", None)
    if current is None or date is None:
        return None, None, ""
    if isinstance(date, str):  # SQLite returns a subquery's date as text
        date = dt.date.fromisoformat(date)
    return Decimal(current), date, date.isoformat()


def progress(target: Target, *, today: dt.date | None = None) -> Progress:
    """Where `target` stands; `target` must come from `with_measures`."""
    today = today or timezone.localdate()
    current, measured_on, measured = _measure(target)
    if current is None or measured_on is None:
        status = ProgressStatus.LATE if today > target.target_date else ProgressStatus.NO_DATA
        return Progress(current=None, measured="", share=None, status=status)
    baseline, goal = target.baseline_value, target.target_value
    rising = goal >= baseline
    reached = current >= goal if rising else current <= goal
    span = goal - baseline
    share = Decimal(1) if span == 0 else (current - baseline) / span
    if reached:
        status = ProgressStatus.REACHED
    elif today > target.target_date:
        status = ProgressStatus.LATE
    else:
        start = dt.date(target.baseline_year, 12, 31)
        length = (target.target_date - start).days
        elapsed = (measured_on - start).days
        expected = Decimal(0) if length <= 0 else Decimal(max(0, min(elapsed, length))) / length
        status = ProgressStatus.ON_TRACK if share >= expected - TOLERANCE else ProgressStatus.BEHIND
    return Progress(current=current, measured=measured, share=share, status=status)
