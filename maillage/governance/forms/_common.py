"""What the governance forms share: choice fields, their querysets, a person and their seat,
territories and dates."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField, QuickSelect, row_key
from maillage.governance.models import Strategy
from maillage.network.forms import PeopleChoiceField
from maillage.network.models import Person, Seat, Sector
from maillage.network.selectors import person_open_seats
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


# The hidden field that says whose seats the seat list shows.
SEATS_SHOWN = "seats_for"


class SeatSelect(QuickSelect):
    """The seat list, and whose seats it shows (`SEATS_SHOWN`), which the list carries along
    when HTMX reloads it for another person."""

    shown_name = SEATS_SHOWN
    shown_for = ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        select = super().render(name, value, attrs, renderer)
        shown = (
            f'<input type="hidden" name="{conditional_escape(self.shown_name)}" '
            f'value="{conditional_escape(self.shown_for)}">'
        )
        return mark_safe(f"{select}\n{shown}")  # escaped above


class SeatChoiceField(ModelChoiceField):
    """One of a person's seats: its organization, and whose seat it is when the person is a
    substitute."""

    widget = SeatSelect
    person_id: int | None = None

    def label_from_instance(self, obj: Any) -> str:
        if self.person_id is not None and obj.holder_id != self.person_id:
            return str(_("%(organization)s, as substitute of %(holder)s")) % {
                "organization": obj.organization.name,
                "holder": obj.holder,
            }
        return str(obj.organization.name)


def people() -> Any:
    return Person.objects.order_by("last_name", "first_name")


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
        error_messages={
            "invalid_choice": _(
                "This seat is not a current seat of the person chosen: choose one of theirs, "
                "or “In their own name”."
            )
        },
    )


class PersonSeatForm(forms.Form):
    """A form's `person` and the `seat` through which they sit: the seat list holds the chosen
    person's current seats only (those they hold; with `as_substitute`, those they substitute
    in too), and a seat that is not one of them is refused at its field.

    The list carries whose seats it shows (`SEATS_SHOWN`). With HTMX it reloads from
    `seats_url` when the person changes. Without JavaScript, a form sent for another person
    than the list's, with no seat chosen, is a first step (`seat_step`): the view shows it
    again with that person's seats to choose from."""

    as_substitute: ClassVar[bool] = False
    person_id: int | None = None

    def _set_up_seat(self, seats_url: str) -> None:
        set_queryset(self, "person", people())
        name = self.add_prefix("person")
        chosen = self.data.get(name) if self.is_bound else self.initial.get("person")
        self.person_id = row_key(Person, chosen)
        field = self.fields["seat"]
        assert isinstance(field, SeatChoiceField) and isinstance(field.widget, SeatSelect)
        field.person_id = self.person_id
        field.queryset = (
            person_open_seats(self.person_id, as_substitute=self.as_substitute)
            if self.person_id is not None
            else Seat.objects.none()
        )
        if self.person_id is None:
            field.help_text = _("Choose the person first: their current seats appear here.")
        field.widget.shown_name = self.add_prefix(SEATS_SHOWN)
        field.widget.shown_for = str(self.person_id or "")
        if seats_url:
            self.fields["person"].widget.attrs.update(
                {
                    "hx-get": seats_url,
                    "hx-trigger": "change",
                    "hx-target": f"#field-{self.add_prefix('seat')}",
                    "hx-swap": "outerHTML",
                }
            )

    def seat_step(self) -> bool:
        """Whether this sent form only chose the person: the seat list showed another person's
        seats (or none), no seat is chosen, and this person has seats to choose from."""
        if not self.is_bound or self.person_id is None or self.data.get(self.add_prefix("seat")):
            return False
        if self.data.get(self.add_prefix(SEATS_SHOWN)) == str(self.person_id):
            return False
        field = self.fields["seat"]
        assert isinstance(field, SeatChoiceField)
        queryset = field.queryset
        return queryset is not None and queryset.exists()


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


class CountField(forms.IntegerField):
    """A number of a group's quorum rules: left empty, no minimum (0)."""

    def clean(self, value: Any) -> int:
        return super().clean(value) or 0


def quorum_count_field(label: Any, help_text: Any) -> CountField:
    """A number of a group's quorum rules (`governance.quorum`): seats or sectors present."""
    return CountField(
        label=label,
        required=False,
        min_value=0,
        max_value=500,
        initial=0,
        help_text=help_text,
    )


def quorum_sectors_field() -> NamedMultipleChoiceField:
    return NamedMultipleChoiceField(
        label=_("Quorum: sectors that must be present"),
        required=False,
        queryset=Sector.objects.order_by("position", "name_fr"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A meeting without one of them does not reach quorum."),
    )


class QuorumFields(forms.Form):
    """The quorum rules of a circle or a workstream, in its form."""

    quorum_seats = quorum_count_field(
        _("Quorum: minimum seats represented"),
        _("Organizations represented by a holder or a substitute; 0: no minimum."),
    )
    quorum_sectors = quorum_count_field(_("Quorum: minimum sectors present"), _("0: no minimum."))
    quorum_required_sectors = quorum_sectors_field()


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
            "quorum_seats": group.quorum_seats,
            "quorum_sectors": group.quorum_sectors,
            "quorum_required_sectors": [s.pk for s in group.quorum_required_sectors.all()],
        }

    def scope_data(self) -> dict[str, Any]:
        """The chosen scope, as the services' data classes name it."""
        return {
            "territories": list(self.cleaned_data["territories"]),
            "levels": list(self.cleaned_data["levels"]),
            "strategies": list(self.cleaned_data["strategies"]),
            "sectors": list(self.cleaned_data["sectors"]),
            "quorum_required_sectors": list(self.cleaned_data["quorum_required_sectors"]),
        }


def check_dates(form: forms.Form, start: str, end: str, message: Any) -> None:
    first: date | None = form.cleaned_data.get(start)
    last: date | None = form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, message)
