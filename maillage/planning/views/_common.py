"""What the planning pages share: the form page, the objects behind each URL, the addresses,
and what a kept page depends on in the query string."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from maillage.core.actions import form_status
from maillage.core.formtools import query_text
from maillage.core.lookups import one_of
from maillage.planning.models import Action, Need, Objective, Orientation, Plan, Target


def plan_url(plan: Plan) -> str:
    return reverse("planning:plan_detail", kwargs={"slug": plan.slug})


def objective_url(objective: Objective | int) -> str:
    pk = objective if isinstance(objective, int) else objective.pk
    return reverse("planning:objective_detail", kwargs={"pk": pk})


def action_url(action: Action) -> str:
    return reverse("planning:action_detail", kwargs={"pk": action.pk})


# The plan or objective a page is about: fetched once per request, for the permission check
# and the view (`core.lookups`).
get_plan = one_of(Plan.objects.select_related("adoption_process"), by="slug")
get_objective = one_of(Objective.objects.select_related("orientation__plan", "adoption_process"))


def get_need(request: HttpRequest, pk: int) -> Need:
    return get_object_or_404(Need.objects.select_related("plan"), pk=pk)


def get_orientation(request: HttpRequest, pk: int) -> Orientation:
    return get_object_or_404(Orientation.objects.select_related("plan"), pk=pk)


def get_action(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(Action.objects.select_related("objective__orientation__plan"), pk=pk)


def get_target(request: HttpRequest, pk: int) -> Target:
    return get_object_or_404(Target.objects.select_related("objective__orientation__plan"), pk=pk)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    plan: Plan | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "cancel_url": cancel_url,
        "plan": plan,
    }
    return render(request, "planning/form.html", context, status=form_status(form))


def is_up(request: HttpRequest) -> bool:
    return request.POST.get("direction") != "down"


def kept_list(request: HttpRequest, *names: str) -> dict[str, str]:
    """What a kept list (`cachedfragment`) depends on besides the plan and the viewer's kind:
    `page_query`, the values of its filters `names` read as the filters read them (what its page
    links carry), and `query`, those and the page asked. Anything else in the query string
    changes nothing on the page, makes no other copy, and is not carried by its links."""
    values = ((name, query_text(request.GET, name)) for name in names)
    filters = urlencode([(name, value) for name, value in values if value])
    return {"page_query": filters, "query": f"{filters}#{query_text(request.GET, 'page')}"}
