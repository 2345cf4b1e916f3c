"""What the governance forms share: choice fields, their querysets, territories and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField
from maillage.governance.models import Strategy
from maillage.network.forms import PeopleChoiceField
from maillage.network.models import Person, Seat, Sector
from maillage.territories.forms import TerritoryMultipleChoiceField
from maillage.territories.models import Level

ONE_PER_LINE = _("One per line.")
SEVERAL = _("Hold Ctrl (or Cmd) to choose several.")


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NamedChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class NamedMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SeatChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organization.name} — {obj.holder}"


def people() -> Any:
    return Person.objects.order_by("last_name", "first_name")


def open_seats() -> Any:
    today = timezone.localdate()
    return (
        Seat.objects.filter(start_date__lte=today)
        .exclude(end_date__lt=today)
        .select_related("organization", "holder")
        .order_by("organization__name", "holder__last_name")
    )


def set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    """Give a model choice field its choices: the class declares it with none."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def lines_field(label: Any, *, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=ONE_PER_LINE,
    )


def seat_field(*, help_text: Any) -> SeatChoiceField:
    return SeatChoiceField(
        label=_("On behalf of (seat)"),
        required=False,
        queryset=Seat.objects.none(),
        empty_label=_("In their own name"),
        help_text=help_text,
    )


def substitutes_field() -> PeopleChoiceField:
    return PeopleChoiceField(
        label=_("Substitutes"),
        required=False,
        queryset=Person.objects.none(),
        help_text=SEVERAL,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


def territory_field(label: Any) -> TerritoryMultipleChoiceField:
    return TerritoryMultipleChoiceField(label=label)


def levels_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Levels (paliers)"),
        required=False,
        choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )


def strategies_field() -> NamedMultipleChoiceField:
    return NamedMultipleChoiceField(
        label=_("Strategies"),
        required=False,
        queryset=Strategy.objects.order_by("position", "name_fr"),
        widget=forms.CheckboxSelectMultiple,
    )


def sectors_field() -> NamedMultipleChoiceField:
    return NamedMultipleChoiceField(
        label=_("Sectors to bring together"),
        required=False,
        queryset=Sector.objects.order_by("position", "name_fr"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The sectors its purpose calls for: the intersectoral balance names those missing. "
            "None chosen: every sector."
        ),
    )


class ScopeMixin:
    """What a circle or a workstream covers: territories below Québec (the picker grouped by
    MRC), levels, strategies and the sectors it brings together."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    @staticmethod
    def scope_initial(group: Any) -> dict[str, Any]:
        """The initial values of the scope fields for an existing circle or workstream."""
        return {
            "territories": list(group.territories.all()),
            "levels": list(group.levels),
            "strategies": [s.pk for s in group.strategies.all()],
            "sectors": [s.pk for s in group.sectors.all()],
        }

    def scope_data(self) -> dict[str, Any]:
        """The chosen scope, as the services' data classes name it."""
        return {
            "territories": list(self.cleaned_data["territories"]),
            "levels": list(self.cleaned_data["levels"]),
            "strategies": list(self.cleaned_data["strategies"]),
            "sectors": list(self.cleaned_data["sectors"]),
        }


def check_dates(form: forms.Form, start: str, end: str, message: Any) -> None:
    first: date | None = form.cleaned_data.get(start)
    last: date | None = form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, message)
