"""The dashboard's filters and those of the public list of funded projects, read from the
query string: what cannot be read is said at its field and left out of the filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import FilterForm
from maillage.funding.models import Envelope, Fund, Stream, fiscal_year_label
from maillage.funding.selectors.dashboards import (
    DashboardFilters,
    FundedProjectFilters,
    funded_years,
)
from maillage.network.forms import territory_filter
from maillage.territories.models import Territory, TerritoryType


def _year(value: Any, years: set[int]) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and int(text) in years else None


class DashboardFilterForm(FilterForm):
    """By fund, fiscal year, territory and stream: the choices are those the envelopes have."""

    fund = forms.ChoiceField(label=_("Fund"), required=False)
    year = forms.ChoiceField(label=_("Fiscal year"), required=False)
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    stream = forms.ChoiceField(label=_("Stream"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.funds = {f.slug: f for f in Fund.objects.only("pk", "slug", "name", "start_date")}
        self.years = set(Envelope.objects.values_list("fiscal_year", flat=True).distinct())
        self.territories = {
            t.slug: t
            # Those with envelopes, and the region's own (each area of the map links to one).
            for t in Territory.objects.filter(
                Q(funding_envelopes__isnull=False)
                | Q(parent__type=TerritoryType.REGION, parent__code=settings.MAILLAGE_REGION_CODE)
            )
            .distinct()
            .only("pk", "slug", "name", "type")
            .order_by("name")
        }
        self.streams = {s.key: s for s in Stream.objects.all()}
        self.set_choices("fund", _("All funds"), [(k, f.name) for k, f in self.funds.items()])
        self.set_choices(
            "year",
            _("All years"),
            [(str(y), fiscal_year_label(y)) for y in sorted(self.years, reverse=True)],
        )
        self.set_choices(
            "territory", _("All territories"), [(k, t.name) for k, t in self.territories.items()]
        )
        self.set_choices("stream", _("All streams"), [(k, s.name) for k, s in self.streams.items()])

    def filters(self) -> DashboardFilters:
        data = self.chosen()
        if data is None:
            return DashboardFilters()
        return DashboardFilters(
            fund=self.funds.get(data.get("fund") or ""),
            fiscal_year=_year(data.get("year"), self.years),
            territory=self.territories.get(data.get("territory") or ""),
            stream=self.streams.get(data.get("stream") or ""),
        )


class FundedProjectFilterForm(FilterForm):
    """By territory served (a region or an MRC finds the projects inside it too) and by fiscal
    year."""

    territory = territory_filter(_("Territory served"))
    year = forms.ChoiceField(label=_("Fiscal year"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = set(funded_years())
        self.set_choices(
            "year",
            _("All years"),
            [(str(y), fiscal_year_label(y)) for y in sorted(self.years, reverse=True)],
        )

    def filters(self) -> FundedProjectFilters:
        data = self.chosen()
        if data is None:
            return FundedProjectFilters()
        return FundedProjectFilters(
            territory=data.get("territory"), fiscal_year=_year(data.get("year"), self.years)
        )
