"""The dashboards' charts: server-rendered SVG bars (`core.svg.bar_chart`), each shown with a
table of the same figures beside it, on the pages and in the annual report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maillage.core.svg import Bar, bar_chart
from maillage.planning.models import ActionStatus
from maillage.planning.progress import ProgressStatus
from maillage.planning.selectors.dashboards import PlanDashboard, StatusCounts, StrategyDashboard

SIZE = {
    "width": 420,
    "label_width": 170,
    "bar_height": 18,
    "gap": 6,
    "font_size": 12,
    "figure_room": 90,
}


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    svg: SafeString


def _chart(prefix: str, title: str, bars: list[Bar], description: str = "") -> Chart:
    svg = bar_chart(bars, id_prefix=prefix, title=title, description=description, **SIZE)
    # bar_chart escapes every label it writes.
    return Chart(prefix, title, mark_safe(svg))


def action_chart(counts: StatusCounts, prefix: str) -> Chart:
    return _chart(
        prefix,
        _("Actions by status"),
        [Bar(str(status.label), counts.of(status)) for status in ActionStatus],
        _("%(total)s actions in all; the table beside gives the same figures.")
        % {"total": counts.total},
    )


def target_chart(counts: StatusCounts, prefix: str) -> Chart:
    return _chart(
        prefix,
        _("Targets by where they stand"),
        [Bar(str(status.label), counts.of(status)) for status in ProgressStatus],
        _("%(total)s targets in all; the table beside gives the same figures.")
        % {"total": counts.total},
    )


def plan_charts(dashboard: PlanDashboard) -> dict[str, Chart]:
    return {
        "actions": action_chart(dashboard.actions, "plan-actions-chart"),
        "targets": target_chart(dashboard.targets, "plan-targets-chart"),
    }


def strategy_charts(dashboard: StrategyDashboard) -> dict[str, Chart]:
    """Actions, targets on track and late, and money, one bar per strategy."""
    rows = dashboard.rows
    return {
        "actions": _chart(
            "strategy-actions-chart",
            _("Plan actions by strategy"),
            [Bar(r.strategy.name, r.actions.total) for r in rows],
        ),
        "on_track": _chart(
            "strategy-on-track-chart",
            _("Targets reached or on track, by strategy"),
            [
                Bar(
                    r.strategy.name,
                    r.targets.of(ProgressStatus.REACHED) + r.targets.of(ProgressStatus.ON_TRACK),
                )
                for r in rows
            ],
        ),
        "late": _chart(
            "strategy-late-chart",
            _("Targets behind or late, by strategy"),
            [
                Bar(
                    r.strategy.name,
                    r.targets.of(ProgressStatus.BEHIND) + r.targets.of(ProgressStatus.LATE),
                )
                for r in rows
            ],
        ),
        "granted": _chart(
            "strategy-granted-chart",
            _("Amounts granted to funded projects, by strategy"),
            [Bar(r.strategy.name, float(r.granted), _money(r.granted)) for r in rows],
        ),
        "budgets": _chart(
            "strategy-budgets-chart",
            _("Budgets of the plan's actions, by strategy"),
            [Bar(r.strategy.name, float(r.budgets), _money(r.budgets)) for r in rows],
        ),
    }


def _money(amount: Decimal) -> str:
    from django.utils.formats import number_format

    return f"{number_format(amount, 0, force_grouping=True)} $"
