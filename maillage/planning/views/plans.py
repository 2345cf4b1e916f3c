"""The work plan's pages: the current plan or the list, a plan's page, and the staff's forms
for a plan, its needs and its orientations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, back_to, edit_page, form_redirect
from maillage.core.cache import deferred
from maillage.core.permissions import has_perm, permission_required
from maillage.planning.forms.plans import NeedForm, OrientationForm, PlanForm
from maillage.planning.selectors import outline
from maillage.planning.selectors import plans as selectors
from maillage.planning.services import plans as services
from maillage.planning.services.plans import PLAN_FIELDS, TEXT_FIELDS
from maillage.planning.views._common import (
    form_page,
    get_need,
    get_orientation,
    get_plan,
    is_up,
    plan_url,
)


def _initial(instance: object, names: tuple[str, ...]) -> dict[str, object]:
    return {name: getattr(instance, name) for name in names}


@permission_required("planning.browse_plans")
def plan_index(request: HttpRequest) -> HttpResponse:
    """The current plan, or the list of plans when none or several cover this year."""
    current = selectors.current_plan(request.user)
    if current is not None:
        return redirect(plan_url(current))
    return plan_list(request)


@permission_required("planning.browse_plans")
def plan_list(request: HttpRequest) -> HttpResponse:
    context = {
        "plans": selectors.visible_plans(request.user),
        "can_manage": has_perm(request.user, "planning.manage"),
    }
    return render(request, "planning/plans/list.html", context)


@permission_required("planning.view_plan", obj=get_plan)
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's heading and adoption, then its outline (needs, orientations with their
    figures and first objectives), kept rendered per kind of reader (`PLAN_CACHE`): the outline
    is read only when the kept copy is missing."""
    plan = get_plan(request, slug)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "decision": selectors.decision_of(plan.adoption_process),
        "can_manage": has_perm(request.user, "planning.manage"),
        "can_propose": has_perm(request.user, "planning.propose_adoption"),
        **deferred(lambda: {"outline": outline.plan_outline(plan, today=today)}, "outline"),
        "plan_cache": selectors.PLAN_CACHE,
        # Where targets stand changes with the day.
        "today": today.isoformat(),
    }
    return render(request, "planning/plans/detail.html", context)


@permission_required("planning.manage")
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.plan_create(actor=actor, **form.cleaned_data),
        success=_("The work plan was created."),
        to=plan_url,
    ) or form_page(
        request,
        form,
        title=_("New work plan"),
        submit=_("Create the plan"),
        cancel_url=reverse("planning:plan_list"),
    )


@permission_required("planning.manage")
def plan_update(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan(request, slug)
    return edit_page(
        request,
        plan,
        lambda data: PlanForm(data, initial=_initial(plan, PLAN_FIELDS)),
        lambda actor, form, version: services.plan_update(
            actor=actor, plan=plan, version=version, **form.cleaned_data
        ),
        success=_("The work plan was saved."),
        to=plan_url,
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the work plan"),
            submit=_("Save"),
            cancel_url=plan_url(plan),
            plan=plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def plan_delete(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan(request, slug)
    return action_redirect(
        request,
        lambda actor: services.plan_delete(actor=actor, plan=plan),
        success=_("The work plan was deleted."),
        to=reverse("planning:plan_list"),
        refused_to=plan_url(plan),
    )


@permission_required("planning.manage")
def need_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan(request, slug)
    form = NeedForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.need_create(actor=actor, plan=plan, **form.cleaned_data),
        success=_("The issue or need was added."),
        to=plan_url(plan) + "#needs",
    ) or form_page(
        request,
        form,
        title=_("New issue or need"),
        submit=_("Add"),
        cancel_url=plan_url(plan),
        plan=plan,
    )


@permission_required("planning.manage")
def need_update(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need(request, pk)
    initial = {
        **_initial(need, TEXT_FIELDS),
        "territories": list(need.territories.all()),
        "indicators": list(need.indicators.all()),
    }
    return edit_page(
        request,
        need,
        lambda data: NeedForm(data, initial=initial),
        lambda actor, form, version: services.need_update(
            actor=actor, need=need, version=version, **form.cleaned_data
        ),
        success=_("The issue or need was saved."),
        to=plan_url(need.plan) + "#needs",
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the issue or need"),
            submit=_("Save"),
            cancel_url=plan_url(need.plan),
            plan=need.plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def need_delete(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need(request, pk)
    return action_redirect(
        request,
        lambda actor: services.need_delete(actor=actor, need=need),
        success=_("The issue or need was removed."),
        to=plan_url(need.plan) + "#needs",
    )


@permission_required("planning.manage")
def orientation_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan(request, slug)
    form = OrientationForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.orientation_create(actor=actor, plan=plan, **form.cleaned_data),
        success=_("The orientation was added."),
        to=plan_url(plan),
    ) or form_page(
        request,
        form,
        title=_("New orientation"),
        submit=_("Add"),
        cancel_url=plan_url(plan),
        plan=plan,
    )


@permission_required("planning.manage")
def orientation_update(request: HttpRequest, pk: int) -> HttpResponse:
    orientation = get_orientation(request, pk)
    initial = _initial(orientation, TEXT_FIELDS)
    return edit_page(
        request,
        orientation,
        lambda data: OrientationForm(data, initial=initial),
        lambda actor, form, version: services.orientation_update(
            actor=actor, orientation=orientation, version=version, **form.cleaned_data
        ),
        success=_("The orientation was saved."),
        to=plan_url(orientation.plan),
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the orientation"),
            submit=_("Save"),
            cancel_url=plan_url(orientation.plan),
            plan=orientation.plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def orientation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    orientation = get_orientation(request, pk)
    return action_redirect(
        request,
        lambda actor: services.orientation_delete(actor=actor, orientation=orientation),
        success=_("The orientation was removed."),
        to=plan_url(orientation.plan),
    )


@permission_required("planning.manage")
@require_POST
def orientation_move(request: HttpRequest, pk: int) -> HttpResponse:
    orientation = get_orientation(request, pk)
    return action_redirect(
        request,
        lambda actor: services.orientation_move(
            actor=actor, orientation=orientation, up=is_up(request)
        ),
        success=_("The order was changed."),
        to=back_to(request, plan_url(orientation.plan)),
    )
