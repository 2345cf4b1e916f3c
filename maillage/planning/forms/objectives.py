"""The forms of an objective and of its progress updates, and the filters of a plan's list of
objectives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm
from maillage.planning.forms.plans import AREA, FIGURE_LIMIT, PlanListFilterForm, TitledForm
from maillage.planning.models import Need, Objective, Orientation, Target, TargetKind
from maillage.planning.selectors.objectives import Adoption, ObjectiveFilters


class ObjectiveForm(TitledForm):
    needs = formtools.ModelMultipleChoiceField(
        label=_("Issues and needs answered"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, plan_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(plan_id=plan_id)  # type: ignore[attr-defined]


class ObjectiveEditForm(ObjectiveForm):
    orientation = formtools.ModelChoiceField(
        label=_("Orientation"), queryset=Orientation.objects.none()
    )

    def __init__(self, *args: Any, plan_id: int, **kwargs: Any) -> None:
        super().__init__(*args, plan_id=plan_id, **kwargs)
        self.fields["orientation"].queryset = Orientation.objects.filter(plan_id=plan_id)  # type: ignore[attr-defined]


class ProgressForm(EditForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    target = formtools.ModelChoiceField(
        label=_("Counted target"),
        queryset=Target.objects.none(),
        required=False,
        help_text=_("Leave empty for a note on the objective as a whole."),
    )
    value = forms.DecimalField(
        label=_("Count reached"),
        required=False,
        min_value=-FIGURE_LIMIT,
        max_value=FIGURE_LIMIT,
        max_digits=20,
        decimal_places=4,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=AREA)

    def __init__(self, *args: Any, objective: Objective, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Target.objects.filter(  # type: ignore[attr-defined]
            objective=objective, kind=TargetKind.COUNT
        )


class ObjectiveFilterForm(PlanListFilterForm):
    adoption = forms.ChoiceField(
        label=_("Adoption"),
        required=False,
        choices=[
            ("", _("Any")),
            (Adoption.ADOPTED, _("Adopted")),
            (Adoption.SUBMITTED, _("Before a consent decision")),
            (Adoption.NOT_SUBMITTED, _("Not submitted yet")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Words of the title or the description.")

    def filters(self) -> ObjectiveFilters:
        data = self.chosen() or {}
        return ObjectiveFilters(
            orientation=data.get("orientation"),
            adoption=data.get("adoption") or "",
            q=data.get("q") or "",
        )
