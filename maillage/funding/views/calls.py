"""Calls for projects: the public list and page; the staff's list, the call's form, its grid
(sections, required documents, criteria) and the buttons of its life."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.permissions import has_perm, permission_required
from maillage.core.workflows import TransitionNotAllowed
from maillage.funding import workflows
from maillage.funding.forms.calls import (
    AttachmentFormSet,
    CallForm,
    CriterionFormSet,
    SectionFormSet,
    TransitionForm,
    kept_rows,
)
from maillage.funding.models import Call
from maillage.funding.selectors import calls as selectors
from maillage.funding.services import calls as services


def _call(request: HttpRequest, slug: str) -> Call:
    return get_object_or_404(Call.objects.select_related("fund"), slug=slug)


def call_url(call: Call) -> str:
    return reverse("funding:call_detail", kwargs={"slug": call.slug})


# Public pages


@permission_required("funding.view_calls")
def call_list(request: HttpRequest) -> HttpResponse:
    """The calls taking applications (a public page)."""
    context = {
        "calls": selectors.public_calls(),
        "may_manage": has_perm(request.user, "funding.manage"),
    }
    return render(request, "funding/calls_list.html", context)


@permission_required("funding.view_call", obj=_call)
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A call as applicants read it; staff also see its state and the buttons of its life."""
    call = _call(request, slug)
    manage = has_perm(request.user, "funding.manage")
    context = {
        "detail": selectors.call_detail(call),
        "call": call,
        "accepting": services.call_accepting(call),
        "may_manage": manage,
        "steps": workflows.CALL.available(call.state, {workflows.STAFF}) if manage else (),
    }
    return render(request, "funding/calls_detail.html", context)


# Staff pages


@permission_required("funding.manage")
def call_staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/calls_staff_list.html", {"calls": selectors.staff_calls()})


def _form_page(
    request: HttpRequest, form: CallForm, *, title: str, submit: str, cancel_url: str
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "cancel_url": cancel_url}
    return render(request, "funding/calls_form.html", context, status=form_status(form))


@permission_required("funding.manage")
def call_create(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.call_create(actor=actor, **form.cleaned_data),
        success=_("The call was saved as a draft: give it its form and grid, then publish it."),
        to=lambda call: reverse("funding:call_grid", kwargs={"slug": call.slug}),
    ) or _form_page(
        request,
        form,
        title=_("New call for projects"),
        submit=_("Save the call"),
        cancel_url=reverse("funding:call_staff_list"),
    )


@permission_required("funding.manage")
def call_update(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    return edit_page(
        request,
        call,
        lambda data: CallForm(data, fund=call.fund, initial=CallForm.initial_of(call)),
        lambda actor, form, version: services.call_update(
            actor=actor, call=call, version=version, **form.cleaned_data
        ),
        success=_("The call was amended."),
        to=call_url(call),
        page=lambda form: _form_page(
            request,
            form,
            title=_("Amend the call “%(title)s”") % {"title": call.title},
            submit=_("Save"),
            cancel_url=call_url(call),
        ),
    )


def _grid_initial(call: Call) -> dict[str, list[dict[str, Any]]]:
    return {
        "sections": [
            {
                "id": s.pk,
                "title": s.title,
                "help_text": s.help_text,
                "required": s.required,
                "in_intention": s.in_intention,
                "max_words": s.max_words,
            }
            for s in call.sections.all()
        ],
        "attachments": [
            {
                "id": a.pk,
                "title": a.title,
                "description": a.description,
                "in_intention": a.in_intention,
            }
            for a in call.required_attachments.all()
        ],
        "criteria": [
            {
                "id": c.pk,
                "title": c.title,
                "description": c.description,
                "weight": c.weight,
                "scale_max": c.scale_max,
            }
            for c in call.criteria.all()
        ],
    }


def _rows(cls: type, formset: Any, names: tuple[str, ...]) -> list[Any]:
    return [
        cls(pk=row.get("id"), **{name: row[name] for name in names if name in row})
        for row in kept_rows(formset)
    ]


@permission_required("funding.manage")
def call_grid(request: HttpRequest, slug: str) -> HttpResponse:
    """The call's form (sections, required documents) and its scoring grid, editable until an
    application is submitted."""
    call = _call(request, slug)
    initial = _grid_initial(call)
    data = request.POST if request.method == "POST" else None
    sets: dict[str, BaseFormSet[Any]] = {
        "sections": SectionFormSet(data, initial=initial["sections"], prefix="sections"),
        "attachments": AttachmentFormSet(
            data, initial=initial["attachments"], prefix="attachments"
        ),
        "criteria": CriterionFormSet(data, initial=initial["criteria"], prefix="criteria"),
    }
    locked = services.grid_locked(call)
    problem = ""
    status = 200
    if data is not None:
        if locked:
            messages.error(
                request,
                _("An application was submitted to this call: its form and its grid are fixed."),
            )
            return redirect(call_url(call))
        if all(s.is_valid() for s in sets.values()):
            try:
                services.call_grid_set(
                    actor=actor_of(request),
                    call=call,
                    sections=_rows(
                        services.SectionData,
                        sets["sections"],
                        ("title", "help_text", "required", "in_intention", "max_words"),
                    ),
                    attachments=_rows(
                        services.AttachmentData,
                        sets["attachments"],
                        ("title", "description", "in_intention"),
                    ),
                    criteria=_rows(
                        services.CriterionData,
                        sets["criteria"],
                        ("title", "description", "weight", "scale_max"),
                    ),
                )
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                messages.success(request, _("The call's form and grid were saved."))
                return redirect(call_url(call))
        status = 400
    context = {
        "call": call,
        "sets": sets,
        "locked": locked,
        "problem": problem,
        "total_weight": sum(c.weight for c in call.criteria.all()),
    }
    return render(request, "funding/calls_grid.html", context, status=status)


@require_POST
@permission_required("funding.manage")
def call_transition(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the call."))
        return redirect(call_url(call))
    step = form.cleaned_data["step"]
    return action_redirect(
        request,
        lambda actor: services.call_transition(actor=actor, call=call, step=step),
        success=lambda done: _("The call is now: %(state)s.") % {"state": done.state_label},
        to=call_url(call),
        refusals=(ValidationError, TransitionNotAllowed),
    )
