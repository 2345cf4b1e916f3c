"""The forms of an action and of the funded projects that serve it, and the filters of a plan's
list of actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.network.models import Organization
from maillage.planning.forms.plans import AREA, PlanListFilterForm
from maillage.planning.models import ActionStatus, Objective
from maillage.planning.selectors.actions import ActionFilters, funded_projects
from maillage.territories.models import Territory

CHECKS = forms.CheckboxSelectMultiple


class ActionForm(EditForm):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=AREA)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=AREA)
    circles = formtools.ModelMultipleChoiceField(
        label=_("Circles carrying it"),
        queryset=Circle.objects.filter(archived_at__isnull=True),
        required=False,
        widget=CHECKS,
        help_text=_("At least one circle or workstream."),
    )
    workstreams = formtools.ModelMultipleChoiceField(
        label=_("Workstreams carrying it"),
        queryset=Workstream.objects.all(),
        required=False,
        widget=CHECKS,
    )
    territories = formtools.ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.order_by("level", "name"),
        required=False,
    )
    strategies = formtools.ModelMultipleChoiceField(
        label=_("Strategies"), queryset=Strategy.objects.all(), required=False, widget=CHECKS
    )
    partners = formtools.ModelMultipleChoiceField(
        label=_("Partners involved"), queryset=Organization.objects.all(), required=False
    )
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    budget = forms.DecimalField(
        label=_("Budget ($)"),
        required=False,
        min_value=0,
        max_value=Decimal("9999999999.99"),
        max_digits=12,
        decimal_places=2,
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ProjectsForm(forms.Form):
    projects = formtools.ModelMultipleChoiceField(
        label=_("Funded projects serving this action"),
        queryset=funded_projects(),
        required=False,
        widget=CHECKS,
    )


class ActionFilterForm(PlanListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *ActionStatus.choices]
    )
    # Offered only when a link chose one (an objective's page): a plan holds too many objectives
    # to list them all here.
    objective = forms.TypedChoiceField(
        label=_("Objective"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, objective: Objective | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _(
            "Words of the title, or of the name of a circle or workstream carrying it."
        )
        if objective is None:
            del self.fields["objective"]
        else:
            self.set_choices(
                "objective", _("Every objective"), [(str(objective.pk), objective.title)]
            )

    def filters(self) -> ActionFilters:
        data = self.chosen() or {}
        return ActionFilters(
            orientation=data.get("orientation"),
            objective=data.get("objective"),
            status=data.get("status") or "",
            q=data.get("q") or "",
        )
