"""The forms of a plan, its needs and its orientations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm
from maillage.planning.models import Orientation
from maillage.portrait.models import Indicator
from maillage.territories.models import Territory

# The largest figure a target or an update holds (the models keep 16 digits before the point).
FIGURE_LIMIT = Decimal("999999999999999")

AREA = forms.Textarea(attrs={"rows": 4})


class TitledForm(EditForm):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=AREA)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=AREA)


class PlanForm(TitledForm):
    slug = forms.SlugField(
        label=_("Address"), max_length=100, help_text=_("Letters, digits and hyphens.")
    )
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    vision_fr = forms.CharField(label=_("Vision (French)"), required=False, widget=AREA)
    vision_en = forms.CharField(label=_("Vision (English)"), required=False, widget=AREA)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            self.add_error("end_year", _("A plan's last year cannot come before its first."))
        return data


class NeedForm(TitledForm):
    territories = formtools.ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.order_by("level", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = formtools.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OrientationForm(TitledForm):
    pass


class PlanListFilterForm(formtools.FilterForm):
    """What a plan's lists (its objectives, its actions) filter by, read from the query string:
    words, and one of the plan's orientations; an unknown value filters nothing."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput)
    orientation = forms.TypedChoiceField(
        label=_("Orientation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, orientations: list[Orientation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(o.pk), o.title) for o in orientations]
        self.set_choices("orientation", _("Every orientation"), choices)
