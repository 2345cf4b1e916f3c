"""Funds and envelopes: a fund, an envelope, a transfer, a carry-over, a split among
territories."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField, date_field
from maillage.funding.forms._common import money_field
from maillage.funding.models import Envelope, Fund, SplitMethod, Stream
from maillage.funding.models._common import fiscal_year, fiscal_year_label
from maillage.funding.selectors.funds import envelope_choices, regions, split_territories
from maillage.territories.models import Territory


def year_choices(fund: Fund) -> list[tuple[int, str]]:
    first, last = fiscal_year(fund.start_date), fiscal_year(fund.end_date)
    return [(year, fiscal_year_label(year)) for year in range(first, last + 1)]


class FundForm(EditForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    funder = forms.CharField(label=_("Funder"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    start_date = date_field(_("Start of the period"), required=True)
    end_date = date_field(_("End of the period"), required=True)
    total = money_field(_("Total amount ($)"))
    split_method = forms.ChoiceField(
        label=_("Split among territories"), choices=SplitMethod.choices
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A fund's period cannot end before it starts."))
        return cleaned


class EnvelopeChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class EnvelopeForm(forms.Form):
    territory = ModelChoiceField(label=_("Territory"), queryset=Territory.objects.none())
    stream = ModelChoiceField(label=_("Stream"), queryset=Stream.objects.all())
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    amount = money_field(
        _("Budget ($)"), help_text=_("Recorded as the envelope's first allocation.")
    )
    cap_per_project = money_field(_("Maximum per project ($)"), required=False)

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territory = self.fields["territory"]
        assert isinstance(territory, ModelChoiceField)
        territory.queryset = split_territories() | regions()
        year = self.fields["fiscal_year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = year_choices(fund)


class TransferForm(forms.Form):
    source = EnvelopeChoiceField(label=_("From the envelope"), queryset=Envelope.objects.none())
    target = EnvelopeChoiceField(label=_("To the envelope"), queryset=Envelope.objects.none())
    amount = money_field(_("Amount ($)"))
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            field = self.fields[name]
            assert isinstance(field, ModelChoiceField)
            field.queryset = envelope_choices(fund)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error("target", _("Choose another envelope than the source."))
        return cleaned


class CarryOverForm(forms.Form):
    envelope = EnvelopeChoiceField(label=_("Envelope"), queryset=Envelope.objects.none())
    amount = money_field(
        _("Amount ($)"),
        required=False,
        help_text=_("Empty: everything not committed in the envelope."),
    )
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["envelope"]
        assert isinstance(field, ModelChoiceField)
        field.queryset = envelope_choices(fund)


class SplitForm(forms.Form):
    """The split's parameters, sent by GET for the preview and by POST to record it. A weight
    field per territory (`weight_<key>`) serves the custom weights."""

    amount = money_field(_("Amount to split ($)"))
    stream = ModelChoiceField(
        label=_("Stream of the territories' envelopes"), queryset=Stream.objects.all()
    )
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    method = forms.ChoiceField(
        label=_("Formula"), choices=SplitMethod.choices, widget=forms.RadioSelect
    )
    regional_percent = forms.DecimalField(
        label=_("Part kept for regional projects (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(0),
    )
    region = ModelChoiceField(
        label=_("Region whose envelope keeps the regional part"),
        queryset=Territory.objects.none(),
        required=False,
    )
    territories = ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = list(split_territories())
        self.places = places
        territories = self.fields["territories"]
        assert isinstance(territories, ModelMultipleChoiceField)
        territories.queryset = split_territories()
        territories.initial = [t.pk for t in places]
        region = self.fields["region"]
        assert isinstance(region, ModelChoiceField)
        region.queryset = regions()
        year = self.fields["fiscal_year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = year_choices(fund)
        self.fields["method"].initial = fund.split_method
        for place in places:
            self.fields[self.weight_name(place)] = forms.DecimalField(
                label=_("Weight of %(territory)s") % {"territory": place},
                required=False,
                min_value=Decimal(0),
                max_digits=8,
                decimal_places=3,
                help_text=_("For custom weights only."),
            )

    @staticmethod
    def weight_name(territory: Territory) -> str:
        return f"weight_{territory.pk}"

    def weights(self) -> dict[int, Decimal]:
        return {
            place.pk: self.cleaned_data[self.weight_name(place)]
            for place in self.places
            if self.cleaned_data.get(self.weight_name(place)) is not None
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("method") == SplitMethod.WEIGHTS:
            missing = [
                place
                for place in cleaned.get("territories") or []
                if cleaned.get(self.weight_name(place)) is None
            ]
            for place in missing:
                self.add_error(self.weight_name(place), _("Give this territory a weight."))
        if cleaned.get("regional_percent") and not cleaned.get("region"):
            self.add_error("region", _("Name the region whose envelope keeps the regional part."))
        return cleaned
