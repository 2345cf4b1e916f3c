"""The charts of a territory's portrait, drawn by `core.svg`: the latest figures side by side (bars)
and the territory's series over its periods (a line). The page shows the same figures in a table."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maillage.core.svg import Bar, Point, bar_chart, line_chart
from maillage.portrait.selectors import IndicatorPortrait


def figure_text(value: Decimal, unit: str = "") -> str:
    """A figure as the page writes it: grouped thousands, no needless decimals, its unit."""
    exponent = value.normalize().as_tuple().exponent
    places = 0 if not isinstance(exponent, int) or exponent >= 0 else min(2, -exponent)
    text = number_format(value, places, force_grouping=True)
    return f"{text} {unit}".strip() if unit else text


def comparison_chart(item: IndicatorPortrait) -> SafeString:
    indicator = item.indicator
    bars = [
        Bar(
            f"{compared.territory.name} ({compared.figure.period})",
            float(compared.figure.value),
            figure_text(compared.figure.value),
        )
        for compared in item.compared
    ]
    return mark_safe(
        bar_chart(
            bars,
            id_prefix=f"bars-{indicator.key}",
            width=560,
            label_width=240,
            figure_room=80,
            title=_("%(indicator)s: %(territory)s compared")
            % {
                "indicator": indicator.label,
                "territory": item.territory.name,
            },
            description=_(
                "Negative values are drawn as a short mark; the table gives each figure."
            ),
        )
    )


def trend_chart(item: IndicatorPortrait) -> SafeString:
    indicator = item.indicator
    points = [Point(f.period, float(f.value), figure_text(f.value)) for f in item.series]
    return mark_safe(
        line_chart(
            points,
            id_prefix=f"line-{indicator.key}",
            width=560,
            title=_("%(indicator)s in %(territory)s over time")
            % {
                "indicator": indicator.label,
                "territory": item.territory.name,
            },
        )
    )
