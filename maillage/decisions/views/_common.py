"""What the pages of the decisions app share: finding their objects, their addresses, and the
forms of a process's page posted to a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from maillage.core.actions import form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.lookups import one_of
from maillage.core.models import User
from maillage.core.permissions import permission_required
from maillage.decisions.models import Decision, Process
from maillage.decisions.paths import process_path
from maillage.governance.models import Circle, Workstream

_process = one_of(Process.objects.select_related("circle", "workstream"))
_decision = one_of(Decision.objects.select_related("circle", "workstream"))
_circle = one_of(Circle.objects.all(), by="slug")
_workstream = one_of(Workstream.objects.all(), by="slug")


def process_url(process: Process) -> str:
    return process_path(process)


def decision_url(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})


def _kind(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"


def group_processes_url(group: Circle | Workstream) -> str:
    return reverse(f"decisions:{_kind(group)}_processes", kwargs={"slug": group.slug})


def start_pages(
    *,
    form_class: Callable[..., Any],
    service: Callable[..., Any],
    success: Promise,
    to: Callable[[Any], str],
    title: Promise,
    submit: Promise,
    intro: Promise | None = None,
) -> tuple[Callable[[HttpRequest, str], HttpResponse], Callable[[HttpRequest, str], HttpResponse]]:
    """The pages that start a process of one kind in a circle and in a workstream: its form
    (`title` names the group as `%(name)s`), then the new process's page."""

    def start(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
        form = form_class(request.POST or None, group=group)
        done = form_redirect(
            request,
            form,
            lambda actor: service(actor=actor, data=form.to_data()),
            success=str(success),
            to=to,
        )
        if done:
            return done
        context = {
            "form": form,
            "group": group,
            "group_url": group_processes_url(group),
            "title": str(title) % {"name": group.name},
            "intro": intro,
            "submit": submit,
            "cancel_url": group_processes_url(group),
        }
        return render(request, "decisions/form.html", context, status=form_status(form))

    return _in_each_group("decisions.start_process", start)


def _in_each_group(
    permission: str, view: Callable[[HttpRequest, Circle | Workstream], HttpResponse]
) -> tuple[Callable[[HttpRequest, str], HttpResponse], Callable[[HttpRequest, str], HttpResponse]]:
    @permission_required(permission, obj=_circle)
    def in_circle(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _circle(request, slug))

    @permission_required(permission, obj=_workstream)
    def in_workstream(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _workstream(request, slug))

    return in_circle, in_workstream


class Page(Protocol):
    """A process's page shown again with the forms `given` (what was typed, with its errors)."""

    def __call__(
        self, request: HttpRequest, pk: int, *, status: int, given: dict[str, forms.Form]
    ) -> HttpResponse: ...


def post_form(
    request: HttpRequest,
    pk: int,
    name: str,
    form: forms.Form,
    action: Callable[[User], object],
    success: str,
    *,
    page: Page,
    to: Callable[[Process], str] = process_url,
) -> HttpResponse:
    """A form of a process's page: the service's refusal comes back at the form's fields, on the
    page itself (400, or 403 for a role that may not fire the step), with what was typed."""
    process = _process(request, pk)
    status = 400
    if form.is_valid():
        try:
            action(actor_of(request))
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        else:
            messages.success(request, success)
            return redirect(to(process))
    return page(request, pk, status=status, given={name: form})


class Poster(Protocol):
    def __call__(
        self,
        request: HttpRequest,
        pk: int,
        name: str,
        form: forms.Form,
        action: Callable[[User], object],
        success: str,
    ) -> HttpResponse: ...


def said(
    form_name: str,
    form_class: Callable[..., forms.Form],
    service: Callable[..., object],
    fields: tuple[str, ...],
    success: Promise,
    *,
    recorded: bool,
    post: Poster,
    permission: str,
    form_kwargs: Callable[[Process], dict[str, Any]] | None = None,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A view posting `fields` of its form to `service`: the actor's own words, or, `recorded`,
    those of the person the facilitator chose in the form (its `person` field)."""

    def view(request: HttpRequest, pk: int) -> HttpResponse:
        process: Process = _process(request, pk)
        form = form_class(request.POST, **(form_kwargs(process) if form_kwargs else {}))

        def act(actor: User) -> object:
            values = {name: form.cleaned_data[name] for name in fields}
            if recorded:
                values["person"] = form.cleaned_data["person"]
            return service(actor=actor, process=process, **values)

        return post(request, pk, form_name, form, act, str(success))

    return permission_required(permission, obj=_process)(require_POST(view))
