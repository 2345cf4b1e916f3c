"""A plan's list of objectives, an objective's page (its targets and where each stands, its
progress, its actions, its adoption), and the staff's forms for objectives and progress
updates."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, back_to, edit_page, form_redirect
from maillage.core.cache import deferred
from maillage.core.permissions import has_perm, permission_required
from maillage.planning.forms.objectives import (
    ObjectiveEditForm,
    ObjectiveFilterForm,
    ObjectiveForm,
    ProgressForm,
)
from maillage.planning.selectors import objectives as selectors
from maillage.planning.selectors.plans import PLAN_CACHE, decision_of
from maillage.planning.services import objectives as services
from maillage.planning.services.objectives import TEXT_FIELDS
from maillage.planning.views._common import (
    form_page,
    get_objective,
    get_orientation,
    get_plan,
    is_up,
    kept_list,
    objective_url,
    plan_url,
)


@permission_required("planning.view_plan", obj=get_plan)
def plan_objectives(request: HttpRequest, slug: str) -> HttpResponse:
    """Every objective of the plan, filtered and a page at a time, each with its figures; kept
    rendered (filters and rows) per kind of reader and query (`PLAN_CACHE`)."""
    plan = get_plan(request, slug)
    today = timezone.localdate()

    def build() -> dict[str, Any]:
        form = ObjectiveFilterForm(request.GET or None, orientations=list(plan.orientations.all()))
        filters = form.filters()
        page, rows = selectors.objective_page(
            plan, filters, page=request.GET.get("page"), today=today
        )
        return {"form": form, "page": page, "rows": rows, "filtered": bool(filters)}

    context = {
        "plan": plan,
        "can_manage": has_perm(request.user, "planning.manage"),
        **deferred(build, "form", "page", "rows", "filtered"),
        "plan_cache": PLAN_CACHE,
        **kept_list(request, "q", "orientation", "adoption"),
        "today": today.isoformat(),
    }
    return render(request, "planning/objectives/list.html", context)


@permission_required("planning.view_plan", obj=get_objective)
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An objective's heading and adoption, then its sections (needs, targets, progress updates,
    first actions), kept rendered per kind of reader and page of updates (`PLAN_CACHE`)."""
    objective = get_objective(request, pk)
    context = {
        "objective": objective,
        "plan": objective.orientation.plan,
        "decision": decision_of(objective.adoption_process),
        "can_manage": has_perm(request.user, "planning.manage"),
        "can_propose": has_perm(request.user, "planning.propose_adoption"),
        **deferred(
            lambda: {
                "sections": selectors.objective_sections(objective, page=request.GET.get("page"))
            },
            "sections",
        ),
        "plan_cache": PLAN_CACHE,
        **kept_list(request),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "planning/objectives/detail.html", context)


@permission_required("planning.manage")
def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    orientation = get_orientation(request, pk)
    form = ObjectiveForm(request.POST or None, plan_id=orientation.plan_id)
    return form_redirect(
        request,
        form,
        lambda actor: services.objective_create(
            actor=actor, orientation=orientation, **form.cleaned_data
        ),
        success=_("The objective was created. Now give it its targets."),
        to=objective_url,
    ) or form_page(
        request,
        form,
        title=_("New objective: %(orientation)s") % {"orientation": orientation.title},
        submit=_("Create the objective"),
        cancel_url=plan_url(orientation.plan),
        plan=orientation.plan,
    )


@permission_required("planning.manage")
def objective_update(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    plan = objective.orientation.plan
    initial = {
        **{name: getattr(objective, name) for name in TEXT_FIELDS},
        "orientation": objective.orientation_id,
        "needs": list(objective.needs.all()),
    }
    return edit_page(
        request,
        objective,
        lambda data: ObjectiveEditForm(data, initial=initial, plan_id=plan.pk),
        lambda actor, form, version: services.objective_update(
            actor=actor, objective=objective, version=version, **form.cleaned_data
        ),
        success=_("The objective was saved."),
        to=objective_url(objective),
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the objective"),
            submit=_("Save"),
            cancel_url=objective_url(objective),
            plan=plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def objective_delete(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    return action_redirect(
        request,
        lambda actor: services.objective_delete(actor=actor, objective=objective),
        success=_("The objective was deleted."),
        to=plan_url(objective.orientation.plan),
        refused_to=objective_url(objective),
    )


@permission_required("planning.manage")
@require_POST
def objective_move(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    return action_redirect(
        request,
        lambda actor: services.objective_move(actor=actor, objective=objective, up=is_up(request)),
        success=_("The order was changed."),
        to=back_to(request, plan_url(objective.orientation.plan)),
    )


@permission_required("planning.manage")
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    form = ProgressForm(request.POST or None, objective=objective)
    return form_redirect(
        request,
        form,
        lambda actor: services.progress_record(
            actor=actor, objective=objective, **form.cleaned_data
        ),
        success=_("The progress update was written."),
        to=objective_url(objective) + "#progress",
    ) or form_page(
        request,
        form,
        title=_("Progress update: %(objective)s") % {"objective": objective.title},
        submit=_("Write the update"),
        cancel_url=objective_url(objective),
        plan=objective.orientation.plan,
    )
