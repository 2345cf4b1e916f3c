"""A plan's list of actions, an action's page (who carries it, where, with whom, when, its
budget, its status and the funded projects serving it), and the staff's forms for actions."""

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
from maillage.planning.forms.actions import ActionFilterForm, ActionForm, ProjectsForm
from maillage.planning.selectors import actions as selectors
from maillage.planning.selectors.dashboards import OPEN_STATUSES
from maillage.planning.selectors.plans import PLAN_CACHE
from maillage.planning.services import actions as services
from maillage.planning.services.actions import ACTION_FIELDS, RELATIONS
from maillage.planning.views._common import (
    action_url,
    form_page,
    get_action,
    get_objective,
    get_plan,
    is_up,
    kept_list,
    objective_url,
)


@permission_required("planning.view_plan", obj=get_plan)
def plan_actions(request: HttpRequest, slug: str) -> HttpResponse:
    """Every action of the plan, filtered and a page at a time, with who carries it and its
    status; kept rendered (filters and rows) per query (`PLAN_CACHE`)."""
    plan = get_plan(request, slug)
    today = timezone.localdate()

    def build() -> dict[str, Any]:
        objective = selectors.objective_of(plan, request.GET.get("objective") or "")
        form = ActionFilterForm(
            request.GET or None, orientations=list(plan.orientations.all()), objective=objective
        )
        filters = form.filters()
        page = selectors.plan_action_page(plan, filters, page=request.GET.get("page"))
        late = {
            a.pk for a in page.object_list if a.end and a.end < today and a.status in OPEN_STATUSES
        }
        return {"form": form, "page": page, "late": late, "filtered": bool(filters)}

    context = {
        "plan": plan,
        **deferred(build, "form", "page", "late", "filtered"),
        "plan_cache": PLAN_CACHE,
        **kept_list(request, "q", "orientation", "objective", "status"),
        # The end dates flagged as passed change with the day.
        "today": today.isoformat(),
    }
    return render(request, "planning/actions/list.html", context)


@permission_required("planning.view_plan", obj=get_action)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_detail(pk)
    assert action is not None  # get_action found it
    context = {
        "action": action,
        "plan": action.objective.orientation.plan,
        "can_manage": has_perm(request.user, "planning.manage"),
    }
    return render(request, "planning/actions/detail.html", context)


@permission_required("planning.manage")
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    form = ActionForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.action_create(actor=actor, objective=objective, **form.cleaned_data),
        success=_("The action was created."),
        to=action_url,
    ) or form_page(
        request,
        form,
        title=_("New action: %(objective)s") % {"objective": objective.title},
        submit=_("Create the action"),
        cancel_url=objective_url(objective),
        plan=objective.orientation.plan,
    )


@permission_required("planning.manage")
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(request, pk)
    initial = {
        **{name: getattr(action, name) for name in ACTION_FIELDS},
        **{name: list(getattr(action, name).all()) for name in RELATIONS},
    }
    return edit_page(
        request,
        action,
        lambda data: ActionForm(data, initial=initial),
        lambda actor, form, version: services.action_update(
            actor=actor, action=action, version=version, **form.cleaned_data
        ),
        success=_("The action was saved."),
        to=action_url(action),
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the action"),
            submit=_("Save"),
            cancel_url=action_url(action),
            plan=action.objective.orientation.plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(request, pk)
    return action_redirect(
        request,
        lambda actor: services.action_delete(actor=actor, action=action),
        success=_("The action was deleted."),
        to=objective_url(action.objective_id) + "#actions",
        refused_to=action_url(action),
    )


@permission_required("planning.manage")
@require_POST
def action_move(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(request, pk)
    return action_redirect(
        request,
        lambda actor: services.action_move(actor=actor, action=action, up=is_up(request)),
        success=_("The order was changed."),
        to=back_to(request, objective_url(action.objective_id) + "#actions"),
    )


@permission_required("planning.manage")
def action_projects(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(request, pk)
    # Links chosen in a list, nothing typed: the choice sent is the one kept (no version).
    form = ProjectsForm(
        request.POST or None, initial={"projects": list(action.funded_projects.all())}
    )
    return form_redirect(
        request,
        form,
        lambda actor: services.action_projects_set(
            actor=actor, action=action, projects=form.cleaned_data["projects"]
        ),
        success=_("The funded projects of the action were saved."),
        to=action_url(action) + "#projects",
    ) or form_page(
        request,
        form,
        title=_("Funded projects serving “%(action)s”") % {"action": action.title},
        submit=_("Save"),
        cancel_url=action_url(action),
        plan=action.objective.orientation.plan,
    )
