"""Calls for projects: the call, its form and grid (three formsets), a step of its life."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField, date_field
from maillage.funding import workflows
from maillage.funding.forms._common import money_field
from maillage.funding.models import Call, Envelope, Fund
from maillage.funding.selectors.funds import envelope_choices
from maillage.governance.models import Circle
from maillage.network.models import Sector
from maillage.territories.models import Territory, TerritoryType


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (it reads and writes ISO local times)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EnvelopesField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class CallForm(EditForm):
    fund = ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all())
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    opens_on = date_field(_("Opens on"), required=True)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeInput())
    decisions_expected_on = date_field(_("Decisions expected on"))
    envelopes = EnvelopesField(
        label=_("Envelopes drawn on"),
        queryset=Envelope.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligible_sectors = ModelMultipleChoiceField(
        label=_("Eligible sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every sector."),
    )
    eligible_territories = ModelMultipleChoiceField(
        label=_("Eligible territories"),
        queryset=Territory.objects.filter(
            type__in=[TerritoryType.REGION, TerritoryType.MRC, TerritoryType.EQUIVALENT]
        ).order_by("type", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every territory."),
    )
    committee = ModelChoiceField(
        label=_("Review committee"), queryset=Circle.objects.all(), required=False
    )
    max_amount = money_field(_("Maximum amount per project ($)"), required=False)
    project_end_by = date_field(_("Projects end no later than"))
    two_steps = forms.BooleanField(
        label=_("Two steps (a short intention, then the full application by invitation)"),
        required=False,
    )
    minimum_score = forms.DecimalField(
        label=_("Minimum score (out of 100)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=6,
        decimal_places=2,
    )

    def __init__(self, *args: Any, fund: Fund | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        envelopes = self.fields["envelopes"]
        assert isinstance(envelopes, ModelMultipleChoiceField)
        if fund is not None:
            # Amending: the fund stays; its envelopes are the choices.
            del self.fields["fund"]
            envelopes.queryset = envelope_choices(fund)
        else:
            envelopes.queryset = Envelope.objects.select_related("territory", "stream").order_by(
                "fund", "fiscal_year", "stream__position", "territory__code"
            )

    @staticmethod
    def initial_of(call: Call) -> dict[str, Any]:
        return {
            "title": call.title,
            "summary": call.summary,
            "description": call.description,
            "opens_on": call.opens_on,
            "closes_at": call.closes_at,
            "decisions_expected_on": call.decisions_expected_on,
            "envelopes": list(call.envelopes.all()),
            "eligible_sectors": list(call.eligible_sectors.all()),
            "eligible_territories": list(call.eligible_territories.all()),
            "committee": call.committee,
            "max_amount": call.max_amount,
            "project_end_by": call.project_end_by,
            "two_steps": call.two_steps,
            "minimum_score": call.minimum_score,
        }


class _Row(forms.Form):
    # The row's key when it exists (a 30-digit one is refused at the field).
    id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )


class SectionForm(_Row):
    title = forms.CharField(label=_("Question"), max_length=200)
    help_text = forms.CharField(
        label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    in_intention = forms.BooleanField(label=_("Asked in the intention"), required=False)
    max_words = forms.IntegerField(
        label=_("Maximum words"), required=False, min_value=1, max_value=100_000
    )


class AttachmentForm(_Row):
    title = forms.CharField(label=_("Document"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    in_intention = forms.BooleanField(label=_("Asked in the intention"), required=False)


class CriterionForm(_Row):
    title = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.DecimalField(
        label=_("Weight (points)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("9999.99"),
        max_digits=6,
        decimal_places=2,
    )
    scale_max = forms.IntegerField(
        label=_("Top of the scale"), min_value=1, max_value=100, initial=5
    )


SectionFormSet = forms.formset_factory(SectionForm, extra=2, can_delete=True)
AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=1, can_delete=True)
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def kept_rows(formset: forms.BaseFormSet[Any]) -> list[dict[str, Any]]:
    """The rows of a valid formset to keep: filled and not ticked for deletion."""
    return [
        row for row in formset.cleaned_data if row and not row.get("DELETE") and row.get("title")
    ]


class TransitionForm(forms.Form):
    step = forms.ChoiceField(
        choices=[(t.key, t.label) for t in workflows.CALL.transitions], widget=forms.HiddenInput
    )


__all__ = [
    "AttachmentFormSet",
    "CallForm",
    "CriterionFormSet",
    "SectionFormSet",
    "TransitionForm",
    "kept_rows",
]
