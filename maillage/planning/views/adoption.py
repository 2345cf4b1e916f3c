"""Putting a plan or an objective to a consent decision, and the section the decisions' pages
show of what a process adopts (`decisions.panels.DECISION_PANELS`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect
from maillage.core.panels import Panel
from maillage.core.permissions import permission_required
from maillage.decisions.models import Process
from maillage.decisions.paths import process_path
from maillage.planning.forms.adoption import SubmitForm
from maillage.planning.selectors.objectives import adopted_by
from maillage.planning.services import adoption as services
from maillage.planning.views._common import (
    form_page,
    get_objective,
    get_plan,
    objective_url,
    plan_url,
)


@permission_required("planning.propose_adoption")
def plan_submit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan(request, slug)
    form = SubmitForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.plan_submit(
            actor=actor, plan=plan, circle=form.cleaned_data["circle"]
        ),
        success=_("The plan was put to a consent decision."),
        to=process_path,
    ) or form_page(
        request,
        form,
        title=_("Put the plan “%(title)s” to a consent decision") % {"title": plan.title},
        submit=_("Start the consent process"),
        cancel_url=plan_url(plan),
        plan=plan,
    )


@permission_required("planning.propose_adoption")
def objective_submit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    form = SubmitForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.objective_submit(
            actor=actor, objective=objective, circle=form.cleaned_data["circle"]
        ),
        success=_("The objective was put to a consent decision."),
        to=process_path,
    ) or form_page(
        request,
        form,
        title=_("Put the objective “%(title)s” to a consent decision") % {"title": objective.title},
        submit=_("Start the consent process"),
        cancel_url=objective_url(objective),
        plan=objective.orientation.plan,
    )


# What the decisions' pages show of the plan: bumped by any change of a plan, an orientation or
# an objective (`PlanningConfig.ready`).
ADOPTIONS_CACHE = "planning.adoptions"


def decision_panel(process: Process, request: HttpRequest) -> Panel:
    """On a process's page and its decision's: the plan and objectives it adopts (nothing
    when it carries none). The same for every reader: kept per process and language, two
    queries when built."""

    def context() -> dict[str, object]:
        plans, objectives = adopted_by(process)
        return {"adopted_plans": plans, "adopted_objectives": objectives}

    return {
        "template": "planning/adoption/_decision_panel.html",
        "context": context,
        "cache": ADOPTIONS_CACHE,
    }
