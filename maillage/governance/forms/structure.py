"""The filters of the map of the structure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.governance import selectors
from maillage.network.forms import SectorTerritoryFilterForm, territory_filter


class MapFilterForm(SectorTerritoryFilterForm):
    """The map's filters, read from the query string. Unknown values are ignored."""

    territory = territory_filter(_("Territory"))
    sector = forms.ChoiceField(label=_("Sector of the members' organizations"), required=False)
    strategy = forms.ChoiceField(label=_("Strategy"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategies = {s.key: s for s in selectors.strategies()}
        self.set_choices(
            "strategy", _("All strategies"), [(k, s.name) for k, s in self.strategies.items()]
        )

    def filters(self) -> selectors.MapFilters:
        data = self.chosen()
        if data is None:
            return selectors.MapFilters()
        return selectors.MapFilters(
            strategy=self.strategies.get(data.get("strategy") or ""),
            **self.sector_and_territory(data),
        )
