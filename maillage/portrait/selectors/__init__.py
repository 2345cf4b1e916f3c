"""Every read of the portrait app's pages, one module per subject, re-exported here. The portrait
is public: every figure is readable by everyone, so nothing is filtered by viewer."""

from maillage.portrait.selectors.indicators import (
    IndicatorSummary,
    indicator_summaries,
    portrait_territories,
)
from maillage.portrait.selectors.territories import (
    Figure,
    IndicatorPortrait,
    TerritoryPortrait,
    key_figures,
    territory_portrait,
)

__all__ = [
    "Figure",
    "IndicatorPortrait",
    "IndicatorSummary",
    "TerritoryPortrait",
    "indicator_summaries",
    "key_figures",
    "portrait_territories",
    "territory_portrait",
]
