"""The form of a measurable target."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm
from maillage.planning.forms.plans import FIGURE_LIMIT
from maillage.planning.models import TargetKind
from maillage.portrait.models import Indicator
from maillage.territories.models import Territory


class TargetForm(EditForm):
    label_fr = forms.CharField(label=_("Label (French)"), max_length=255)
    label_en = forms.CharField(label=_("Label (English)"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Measured by"), choices=TargetKind.choices)
    indicator = formtools.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.all(),
        required=False,
        help_text=_("For a target measured by an indicator of the portrait."),
    )
    territory = formtools.ModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.order_by("level", "name"),
        required=False,
        help_text=_("Where the indicator is read."),
    )
    unit_fr = forms.CharField(
        label=_("Unit (French)"),
        max_length=32,
        required=False,
        help_text=_("For a count: what is counted. An indicator gives its own."),
    )
    unit_en = forms.CharField(label=_("Unit (English)"), max_length=32, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline"),
        min_value=-FIGURE_LIMIT,
        max_value=FIGURE_LIMIT,
        max_digits=20,
        decimal_places=4,
    )
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1900, max_value=2100)
    target_value = forms.DecimalField(
        label=_("Target value"),
        min_value=-FIGURE_LIMIT,
        max_value=FIGURE_LIMIT,
        max_digits=20,
        decimal_places=4,
    )
    target_date = forms.DateField(
        label=_("Target date"), widget=forms.DateInput(attrs={"type": "date"})
    )
