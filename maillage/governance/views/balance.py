"""The intersectoral balance, as shown on a circle's or a workstream's page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from maillage.governance import charts
from maillage.governance.selectors.balance import Balance, BalanceRow


@dataclass(frozen=True)
class BalanceFigure:
    id: str
    title: str
    svg: str
    rows: list[BalanceRow]
    header: str


def balance_figures(balance: Balance, prefix: str) -> list[BalanceFigure]:
    """The balance by sector, level and MRC: each a small bar chart and its table."""
    figures = []
    for key, title, header, rows in (
        ("sector", _("By sector"), _("Sector"), balance.by_sector),
        ("level", _("By level (palier)"), _("Level"), balance.by_level),
        ("territory", _("By territory (MRC)"), _("Territory"), balance.by_territory),
    ):
        if not rows:
            continue
        chart_id = f"{prefix}-{key}"
        missing = sum(1 for row in rows if not row.count)
        svg = charts.bar_chart(
            [charts.Bar(label=row.label, value=row.count) for row in rows],
            title=_("Members %(by)s") % {"by": str(title).lower()},
            description=_("%(missing)s of %(total)s without any member; table below.")
            % {"missing": missing, "total": len(rows)},
            id_prefix=chart_id,
        )
        figures.append(
            BalanceFigure(
                id=chart_id,
                title=title,
                # charts.bar_chart escapes every label it writes into the SVG.
                svg=mark_safe(svg),
                rows=rows,
                header=header,
            )
        )
    return figures


def _balance_context(balance: Balance | None, prefix: str) -> dict[str, Any]:
    if balance is None:
        return {"balance": None, "balance_figures": []}
    return {"balance": balance, "balance_figures": balance_figures(balance, prefix)}
