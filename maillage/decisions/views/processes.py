"""The processes of a circle or a workstream, and a process's page (its live round refreshed
by HTMX) with the forms that move it along."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.actions import edit_page, form_status
from maillage.core.htmx import render_page_or_fragment
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required
from maillage.decisions import selectors, services, workflows
from maillage.decisions.forms import (
    AmendForm,
    AnswerForm,
    ProcessForm,
    RecordAnswerForm,
    RecordRemarkForm,
    RemarkForm,
    TransitionForm,
)
from maillage.decisions.panels import DECISION_PANELS
from maillage.decisions.paths import OWN_PAGES
from maillage.decisions.views._common import (
    _in_each_group,
    _kind,
    _process,
    group_processes_url,
    post_form,
    process_url,
    start_pages,
)
from maillage.governance.models import Circle, Workstream

# How often the page of a live round asks for its fragment again, in seconds (by default;
# `MAILLAGE_LIVE_POLL_SECONDS` sets it).
POLL_SECONDS = 3
# The button that closes a consent round (the workflow's `consent` or `object`, as answered).
CLOSE_ROUND = "close_round"


def _group_processes(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    page = selectors.process_list(
        viewer=request.user, group=group, page=request.GET.get("page") or 1
    )
    context = {
        "group": group,
        "page": page,
        "workflow": workflows.CONSENT,
        "may_start": has_perm(request.user, "decisions.start_process", group),
        # Elections and advice processes start from their own buttons.
        "election_url": reverse(
            f"decisions:{_kind(group)}_election_create", kwargs={"slug": group.slug}
        ),
        "advice_url": reverse(
            f"decisions:{_kind(group)}_advice_create", kwargs={"slug": group.slug}
        ),
        "create_url": reverse(
            f"decisions:{_kind(group)}_process_create", kwargs={"slug": group.slug}
        ),
        "poll_url": reverse(f"decisions:{_kind(group)}_poll_create", kwargs={"slug": group.slug}),
    }
    return render(request, "decisions/process_list.html", context)


circle_processes, workstream_processes = _in_each_group(
    "decisions.view_processes", _group_processes
)
circle_process_create, workstream_process_create = start_pages(
    form_class=ProcessForm,
    service=services.process_start,
    success=gettext_lazy("The proposal was saved as a draft; present it when it is ready."),
    to=process_url,
    title=gettext_lazy("Put a proposal to “%(name)s”"),
    submit=gettext_lazy("Save the proposal"),
)


# A process


def _process_page(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    forms_given: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    detail = selectors.process_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    given = forms_given or {}
    context: dict[str, Any] = {
        "detail": detail,
        "process": detail.process,
        "group_url": group_processes_url(detail.process.group),
        "workflow": workflows.CONSENT,
        "poll_seconds": getattr(settings, "MAILLAGE_LIVE_POLL_SECONDS", POLL_SECONDS),
        # Read by the live fragment too, rendered alone for HTMX.
        "show_people": detail.show_people,
        "polling": detail.process.state in workflows.ROUND_STATES,
        "close_round": CLOSE_ROUND,
        "transition_form": given.get("transition") or TransitionForm(),
        "answer_form": given.get("answer")
        or AnswerForm(
            initial={"position": detail.my_answer.position, "reason": detail.my_answer.reason}
            if detail.my_answer
            else None
        ),
        "remark_form": given.get("remark") or RemarkForm(),
        "record_form": given.get("record") or RecordAnswerForm(voices=detail.voices),
        "record_remark_form": given.get("record_remark") or RecordRemarkForm(voices=detail.voices),
        "panels": DECISION_PANELS.render(detail.process, request),
    }
    response = render_page_or_fragment(request, "decisions/process_detail.html", "live", context)
    response.status_code = status
    return response


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    if process.kind in OWN_PAGES:
        return redirect(process_url(process))
    return _consent_page(request, pk=pk)


@permission_required("decisions.view_process", obj=_process)
def _consent_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _process_page(request, pk)


def _post(
    request: HttpRequest,
    pk: int,
    name: str,
    form: forms.Form,
    action: Callable[[User], object],
    success: str,
) -> HttpResponse:
    return post_form(request, pk, name, form, action, success, page=_shown_again)


def _shown_again(
    request: HttpRequest, pk: int, *, status: int, given: dict[str, forms.Form]
) -> HttpResponse:
    return _process_page(request, pk, status=status, forms_given=given)


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def process_transition(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = TransitionForm(request.POST)

    def fire(actor: User) -> object:
        key = form.cleaned_data["transition"]
        if key == CLOSE_ROUND:
            return services.consent_round_close(actor=actor, process=process)
        return services.process_transition(
            actor=actor,
            process=process,
            transition=key,
            deadline=form.cleaned_data.get("deadline"),
        )

    return _post(request, pk, "transition", form, fire, _("Done: the process moved on."))


@permission_required("decisions.amend_proposal", obj=_process)
def process_amend(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)

    def page(form: AmendForm) -> HttpResponse:
        context = {
            "form": form,
            "group": process.group,
            "group_url": group_processes_url(process.group),
            "process": process,
            "title": _("Amend the proposal “%(title)s”") % {"title": process.title},
            "intro": _("The current text is kept as version %(version)s.")
            % {"version": process.version},
            "submit": _("Save the amended proposal"),
            "cancel_url": process_url(process),
        }
        return render(request, "decisions/form.html", context, status=form_status(form))

    return edit_page(
        request,
        process,
        lambda data: AmendForm(data, initial={"title": process.title, "text": process.proposal}),
        lambda actor, form, version: services.proposal_amend(
            actor=actor,
            process=process,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            note=form.cleaned_data["note"],
            version=version,
        ),
        success=_("The proposal was amended."),
        to=process_url(process),
        page=page,
    )
