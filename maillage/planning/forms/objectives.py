"""The forms of an objective and of its progress updates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.planning.forms.plans import AREA, TitledForm
from maillage.planning.models import Need, Objective, Orientation, Target, TargetKind


class ObjectiveForm(TitledForm):
    needs = forms.ModelMultipleChoiceField(
        label=_("Issues and needs answered"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, plan_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(plan_id=plan_id)  # type: ignore[attr-defined]


class ObjectiveEditForm(ObjectiveForm):
    orientation = forms.ModelChoiceField(
        label=_("Orientation"), queryset=Orientation.objects.none()
    )

    def __init__(self, *args: Any, plan_id: int, **kwargs: Any) -> None:
        super().__init__(*args, plan_id=plan_id, **kwargs)
        self.fields["orientation"].queryset = Orientation.objects.filter(plan_id=plan_id)  # type: ignore[attr-defined]


class ProgressForm(EditForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    target = forms.ModelChoiceField(
        label=_("Counted target"),
        queryset=Target.objects.none(),
        required=False,
        help_text=_("Leave empty for a note on the objective as a whole."),
    )
    value = forms.DecimalField(
        label=_("Count reached"), required=False, max_digits=20, decimal_places=4
    )
    note = forms.CharField(label=_("Note"), required=False, widget=AREA)

    def __init__(self, *args: Any, objective: Objective, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Target.objects.filter(  # type: ignore[attr-defined]
            objective=objective, kind=TargetKind.COUNT
        )
