"""Forms of the network pages: they parse input; services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import (
    FilterForm,
    ModelChoiceField,
    ModelMultipleChoiceField,
    data_from,
    date_field,
    initial_from,
)
from maillage.core.roles import Role
from maillage.network import selectors
from maillage.network.models import Organization, OrganizationStatus, Person, Seat, Sector
from maillage.network.services import OrganizationData, PersonData, SeatData
from maillage.territories.forms import TerritoryChoiceField, TerritoryMultipleChoiceField
from maillage.territories.models import Level


def territory_filter(label: Any) -> TerritoryChoiceField:
    """A list's filter by territory: a region, an MRC or a TÉ finds what lies inside it too."""
    return TerritoryChoiceField(label=label, empty_label=_("All territories"), whole=True)


class SectorTerritoryFilterForm(FilterForm):
    """Filters by sector and by territory, as the directory and the map of the structure offer
    them; a subclass declares its `sector` and `territory` (`territory_filter`) fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = {s.key: s for s in Sector.objects.all()}
        self.set_choices(
            "sector", _("All sectors"), [(key, s.name) for key, s in self.sectors.items()]
        )

    def sector_and_territory(self, data: dict[str, Any]) -> dict[str, Any]:
        """The sector and the territory chosen, as the selectors' filters name them."""
        return {
            "sector": self.sectors.get(data.get("sector") or ""),
            "territory": data.get("territory"),
        }


class DirectoryFilterForm(SectorTerritoryFilterForm):
    """The directory's filters, read from the query string. Unknown values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("Name, acronym or description."),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    territory = territory_filter(_("Territory served"))
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *OrganizationStatus.choices],
    )

    def filters(self) -> selectors.DirectoryFilters:
        data = self.chosen()
        if data is None:
            return selectors.DirectoryFilters()
        return selectors.DirectoryFilters(
            q=(data.get("q") or "").strip(),
            level=data.get("level") or "",
            status=data.get("status") or "",
            **self.sector_and_territory(data),
        )


class SectorChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class OrganizationForm(EditForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    neq = forms.CharField(
        label=_("Québec enterprise number (NEQ)"),
        max_length=20,
        required=False,
        help_text=_("10 digits, as in the enterprise register. Optional."),
    )
    sectors = SectorChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sector.")},
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.REGIONAL)
    territories = TerritoryMultipleChoiceField(label=_("Territories served"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("General e-mail"), required=False)
    phone = forms.CharField(
        label=_("Telephone"), max_length=40, required=False, widget=forms.TelInput
    )
    status = forms.ChoiceField(
        label=_("Status in the collective"),
        choices=OrganizationStatus.choices,
        initial=OrganizationStatus.PARTNER,
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, organization: Organization | None = None, **kwargs: Any):
        if organization is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(organization, *self.base_fields.keys() - {"sectors", "territories"}),
                "sectors": [s.pk for s in organization.sectors.all()],
                "territories": list(organization.territories.all()),
            }
        super().__init__(*args, **kwargs)

    def clean_neq(self) -> str:
        neq = "".join(str(self.cleaned_data.get("neq") or "").split())
        if neq and not (len(neq) == 10 and neq.isdigit()):
            raise ValidationError(
                _("The NEQ must have exactly 10 digits (you typed “%(value)s”)."),
                code="invalid",
                params={"value": neq},
            )
        return neq

    def to_data(self) -> OrganizationData:
        data = self.cleaned_data
        return data_from(OrganizationData, data, sectors=list(data["sectors"]))


class PersonForm(EditForm):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("When the person verifies this address with an account, they are linked."),
    )
    phone = forms.CharField(
        label=_("Telephone"), max_length=40, required=False, widget=forms.TelInput
    )

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any):
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(person, *self.base_fields)
        super().__init__(*args, **kwargs)

    def to_data(self) -> PersonData:
        return data_from(PersonData, self.cleaned_data)


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name}, {obj.first_name}"


class PeopleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name}, {obj.first_name}"


class FunctionForm(forms.Form):
    organization = ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.order_by("name")
    )
    title = forms.CharField(
        label=_("Function"), max_length=150, help_text=_("For example: executive director.")
    )
    start_date = date_field(_("Start date"))


class SeatForm(EditForm):
    """Assigning a seat (with a holder) or editing `seat` (holder fixed). Assigning offers to
    invite the holder to the platform as a partner member: for a chosen `holder`, only when
    that gives them something (`invite_refusal` says why not otherwise); before one is chosen,
    as "if it applies", which the service decides."""

    holder = PersonChoiceField(
        label=_("Holder"), queryset=Person.objects.order_by("last_name", "first_name")
    )
    substitutes = PeopleChoiceField(
        label=_("Substitutes"),
        required=False,
        queryset=Person.objects.order_by("last_name", "first_name"),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start_date = date_field(_("Start date"), required=True)
    end_date = date_field(_("End date"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    invite = forms.BooleanField(
        label=_("Invite the holder to the platform as a partner member, if it applies"),
        required=False,
        initial=True,
        help_text=_(
            "When the holder has an e-mail address and no such access yet, they receive an "
            "invitation to create their account (or log in) and find their seat there."
        ),
    )

    def __init__(
        self, *args: Any, seat: Seat | None = None, holder: Person | None = None, **kwargs: Any
    ) -> None:
        if seat is not None:
            kwargs["initial"] = {
                **initial_from(seat, "start_date", "end_date", "note"),
                "substitutes": list(seat.substitutes.all()),
            }
        elif holder is not None:
            kwargs.setdefault("initial", {})["holder"] = holder.pk
        super().__init__(*args, **kwargs)
        self.invite_refusal = ""
        if seat is not None:
            del self.fields["holder"]
            del self.fields["invite"]
        elif holder is not None:
            self.offer_invitation_to(holder)

    def offer_invitation_to(self, holder: Person) -> None:
        """The holder is known: the invitation is offered, in their name, only when it applies."""
        self.invite_refusal = selectors.holder_invitation_refusal(holder)
        if self.invite_refusal:
            self.fields.pop("invite", None)
        elif "invite" in self.fields:
            self.fields["invite"].label = _(
                "Invite %(name)s to the platform as a partner member"
            ) % {"name": holder}

    def to_data(self) -> SeatData:
        return data_from(
            SeatData, self.cleaned_data, substitutes=list(self.cleaned_data["substitutes"])
        )


class SeatEndForm(EditForm):
    """Ending a seat: when, and, for the holder's last seat, their platform access after it."""

    end_date = date_field(_("End date"), help_text=_("Today when left empty."))
    access = forms.ChoiceField(
        label=_("Platform access after this seat"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, offer_lowering: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        access = self.fields["access"]
        assert isinstance(access, forms.ChoiceField)
        if not offer_lowering:
            del self.fields["access"]
            return
        access.choices = [
            ("", _("Keep the access “%(role)s”") % {"role": Role.MEMBER.label}),
            *[
                (role.value, _("Lower it to “%(role)s”") % {"role": role.label})
                for role in selectors.ROLES_AFTER_THE_LAST_SEAT
            ],
        ]
        access.initial = selectors.ROLES_AFTER_THE_LAST_SEAT[0].value
        access.help_text = _(
            "This is their last seat: partner members see the people of the network and their "
            "contact details. They are told of the change."
        )
