"""The register's filters."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import FilterForm, date_field
from maillage.decisions.models import (
    ProcessKind,
)
from maillage.decisions.selectors import RegisterFilters
from maillage.governance.models import (
    Circle,
    Strategy,
    Workstream,
)
from maillage.network.forms import territory_filter

# The years a date filter accepts: beyond them a day's bounds cannot be written as a moment.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class RegisterFilterForm(FilterForm):
    """The register's filters, read from the query string; what cannot be read (an unknown
    circle, a date that is not one) is said at its field and left out of the filters."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("Words of the title, the text or the rationale."),
    )
    circle = forms.ChoiceField(label=_("Circle"), required=False)
    workstream = forms.ChoiceField(label=_("Workstream"), required=False)
    territory = territory_filter(_("Territory"))
    strategy = forms.ChoiceField(label=_("Strategy"), required=False)
    kind = forms.ChoiceField(label=_("Process followed"), required=False)
    decided_from = date_field(_("Decided from"))
    decided_to = date_field(_("Decided until"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read only when the form is drawn (not when the register keeps it drawn) or a value
        # is checked: callable choices are evaluated when first iterated.
        self._lazy_choices("circle", _("All circles"), lambda: self.circles)
        self._lazy_choices("workstream", _("All workstreams"), lambda: self.workstreams)
        self._lazy_choices("strategy", _("All strategies"), lambda: self.strategies)
        self.set_choices("kind", _("All processes"), ProcessKind.choices)

    def _lazy_choices(self, name: str, everything: Any, rows: Callable[[], dict[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = lambda: [("", everything), *((k, row.name) for k, row in rows().items())]

    @cached_property
    def circles(self) -> dict[str, Circle]:
        return {c.slug: c for c in Circle.objects.only("pk", "slug", "name").order_by("name")}

    @cached_property
    def workstreams(self) -> dict[str, Workstream]:
        rows = Workstream.objects.only("pk", "slug", "name").order_by("name")
        return {w.slug: w for w in rows}

    @cached_property
    def strategies(self) -> dict[str, Strategy]:
        return {s.key: s for s in Strategy.objects.order_by("position", "name_fr")}

    def _clean_day(self, name: str) -> Any:
        day = self.cleaned_data.get(name)
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return day

    def clean_decided_from(self) -> Any:
        return self._clean_day("decided_from")

    def clean_decided_to(self) -> Any:
        return self._clean_day("decided_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("decided_from"), data.get("decided_to")
        if start and end and end < start:
            self.add_error("decided_to", _("The end of the period comes before its start."))
        return data

    def filters(self) -> RegisterFilters:
        data = self.chosen()
        if data is None:
            return RegisterFilters()
        return RegisterFilters(
            q=(data.get("q") or "").strip(),
            circle=self.circles.get(data["circle"]) if data.get("circle") else None,
            workstream=self.workstreams.get(data["workstream"]) if data.get("workstream") else None,
            territory=data.get("territory"),
            strategy=self.strategies.get(data["strategy"]) if data.get("strategy") else None,
            kind=data.get("kind") or "",
            decided_from=data.get("decided_from"),
            decided_to=data.get("decided_to"),
        )
