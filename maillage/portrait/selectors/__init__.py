"""Every read of the portrait app's pages, one module per subject, re-exported here. The portrait
is public: every figure is readable by everyone, so nothing is filtered by viewer."""

from maillage.portrait.selectors.figures import (
    FIGURES_CACHE,
    PUBLIC,
    Figure,
    Notes,
    latest,
    notes,
)
from maillage.portrait.selectors.indicators import (
    IndicatorSummary,
    indicator_summaries,
    portrait_territories,
)
from maillage.portrait.selectors.territories import (
    Compared,
    IndicatorPortrait,
    TerritoryPortrait,
    key_figures,
    territory_portrait,
)

__all__ = [
    "FIGURES_CACHE",
    "PUBLIC",
    "Compared",
    "Figure",
    "IndicatorPortrait",
    "IndicatorSummary",
    "Notes",
    "TerritoryPortrait",
    "indicator_summaries",
    "key_figures",
    "latest",
    "notes",
    "portrait_territories",
    "territory_portrait",
]
