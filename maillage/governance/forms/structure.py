"""The filters of the map of the structure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.governance import selectors
from maillage.network import selectors as network_selectors
from maillage.network.forms import territory_choices
from maillage.network.models import Sector


class MapFilterForm(forms.Form):
    """The map's filters, read from the query string. Unknown values are ignored."""

    territory = forms.ChoiceField(label=_("Territory"), required=False)
    sector = forms.ChoiceField(label=_("Sector of the members' organizations"), required=False)
    strategy = forms.ChoiceField(label=_("Strategy"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = {s.key: s for s in Sector.objects.order_by("position", "name_fr")}
        self.strategies = {s.key: s for s in selectors.strategies()}
        self.territories = network_selectors.filter_territories()
        self._choices(
            "territory",
            _("All territories"),
            territory_choices(self.territories, whole=True),
        )
        self._choices("sector", _("All sectors"), [(k, s.name) for k, s in self.sectors.items()])
        self._choices(
            "strategy", _("All strategies"), [(k, s.name) for k, s in self.strategies.items()]
        )

    def _choices(self, name: str, everything: Any, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", everything), *choices]

    def filters(self) -> selectors.MapFilters:
        if not self.is_bound:
            return selectors.MapFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        slug = data.get("territory") or ""
        return selectors.MapFilters(
            territory=next((t for t in self.territories if t.slug == slug), None),
            sector=self.sectors.get(data.get("sector") or ""),
            strategy=self.strategies.get(data.get("strategy") or ""),
        )
