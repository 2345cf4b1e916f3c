"""The intersectoral balance, as shown on a circle's or a workstream's page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.svg import Bar, bar_chart
from maillage.governance import selectors
from maillage.governance.models import Circle, Workstream
from maillage.governance.selectors.balance import Balance, BalanceRow

# The rendered balance of each group: a few hundred members' seats, functions and organizations
# read and charted, the same for everyone who may see it, until one of them changes.
NAMESPACE = "governance.balance"


def watch() -> None:
    """Bump the cached balances on every change to what they count (called once, in `ready()`):
    memberships, roles, seats, functions, organizations with their sectors and territories, and
    the groups' own territories and sectors, as the map of the structure watches."""
    from maillage.governance.structure import watched_models

    cache.bump_on_change(NAMESPACE, *watched_models())


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
        svg = bar_chart(
            [Bar(label=row.label, value=row.count) for row in rows],
            title=_("Members %(by)s") % {"by": str(title).lower()},
            description=_("%(missing)s of %(total)s without any member; table below.")
            % {"missing": missing, "total": len(rows)},
            id_prefix=chart_id,
        )
        figures.append(
            BalanceFigure(
                id=chart_id,
                title=title,
                # bar_chart escapes every label it writes into the SVG.
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


def balance_section(viewer: Viewer, group: Circle | Workstream, prefix: str) -> SafeString:
    """The section `governance/_balance.html` of `group` for a viewer who may see its inside,
    cached per group, language and day (a seat or function that ends tomorrow stops counting)."""
    kind = "circle" if isinstance(group, Circle) else "workstream"

    def render() -> str:
        balance = selectors.intersectoral_balance(
            viewer=viewer,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
        )
        return render_to_string("governance/_balance.html", _balance_context(balance, prefix))

    html = cache.fragment(
        NAMESPACE,
        visibility="inside",  # the same counts for everyone who may see the group's members
        filters=[kind, group.pk, prefix, timezone.localdate().isoformat()],
        render=render,
    )
    return mark_safe(html)  # rendered by the template engine, which escaped it
