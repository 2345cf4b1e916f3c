"""An advice process's pages: asking for advice in a circle or workstream, its page with the
advice given, the forms to give or record advice, and the decision-maker's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.models import User
from maillage.core.permissions import permission_required
from maillage.decisions import selectors, services
from maillage.decisions.forms import TransitionForm
from maillage.decisions.forms.elections import (
    AdviceForm,
    AdviceProcessForm,
    DecideForm,
    RecordAdviceForm,
)
from maillage.decisions.models import Process
from maillage.decisions.views._common import (
    _process,
    group_processes_url,
    post_form,
    said,
    start_pages,
)


def advice_url(process: Process) -> str:
    return reverse("decisions:advice_detail", kwargs={"pk": process.pk})


circle_advice_create, workstream_advice_create = start_pages(
    form_class=AdviceProcessForm,
    service=services.advice_start,
    success=gettext_lazy("The proposal was saved as a draft; ask for advice when it is ready."),
    to=advice_url,
    title=gettext_lazy("Ask for advice on a proposal in “%(name)s”"),
    intro=gettext_lazy(
        "You remain the one who decides: you ask the people the decision affects and those "
        "who know the matter, then record your decision and how you weighed their advice."
    ),
    submit=gettext_lazy("Save the proposal"),
)


def _page(
    request: HttpRequest, pk: int, *, status: int = 200, given: dict[str, forms.Form] | None = None
) -> HttpResponse:
    detail = selectors.advice_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    given = given or {}
    process = detail.process
    context = {
        "detail": detail,
        "process": process,
        "group": process.group,
        "group_url": group_processes_url(process.group),
        "show_people": detail.show_people,
        "transition_form": given.get("transition") or TransitionForm(),
        "advice_form": given.get("advice")
        or AdviceForm(initial={"text": detail.my_advice.text} if detail.my_advice else None),
        "record_form": given.get("record") or RecordAdviceForm(asked=detail.asked),
        "decide_form": given.get("decide") or DecideForm(initial={"decision": process.proposal}),
    }
    return render(request, "decisions/advice_detail.html", context, status=status)


@permission_required("decisions.view_advice_process", obj=_process)
def advice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


def _post(
    request: HttpRequest, pk: int, name: str, form: forms.Form, action: Any, success: str
) -> HttpResponse:
    return post_form(request, pk, name, form, action, success, page=_page, to=advice_url)


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def advice_transition(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = TransitionForm(request.POST)

    def fire(actor: User) -> object:
        return services.advice_transition(
            actor=actor, process=process, transition=form.cleaned_data["transition"]
        )

    return _post(request, pk, "transition", form, fire, _("Done: the process moved on."))


advice_give = said(
    "advice",
    AdviceForm,
    services.advice_give,
    ("text",),
    gettext_lazy("Your advice was recorded."),
    recorded=False,
    post=_post,
    permission="decisions.give_advice",
)


advice_record = said(
    "record",
    RecordAdviceForm,
    services.advice_give,
    ("text",),
    gettext_lazy("The advice given offline was recorded."),
    recorded=True,
    post=_post,
    permission="decisions.record_advice",
    form_kwargs=lambda process: {"asked": selectors.asked_people(process)},
)


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def advice_decide(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = DecideForm(request.POST)
    return _post(
        request,
        pk,
        "decide",
        form,
        lambda actor: services.advice_decide(
            actor=actor,
            process=process,
            decision=form.cleaned_data["decision"],
            weighing=form.cleaned_data["weighing"],
        ),
        _("The decision is in the register."),
    )
