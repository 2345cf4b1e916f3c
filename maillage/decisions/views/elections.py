"""An election's pages: starting one in a circle or workstream, its page with the forms of
each step (nominate, change one's nomination, propose, answer in the consent round, close it)."""

from __future__ import annotations

from collections.abc import Callable
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
from maillage.decisions.forms import AnswerForm, RecordAnswerForm, TransitionForm
from maillage.decisions.forms.elections import (
    ElectionForm,
    NominationForm,
    ProposeForm,
    RecordNominationForm,
)
from maillage.decisions.models import Process
from maillage.decisions.views._common import (
    _process,
    group_processes_url,
    post_form,
    said,
    start_pages,
)

# The button that closes the consent round on the proposal (`elect` or `object`, as answered).
CLOSE_ROUND = "close_round"


def election_url(process: Process) -> str:
    return reverse("decisions:election_detail", kwargs={"pk": process.pk})


circle_election_create, workstream_election_create = start_pages(
    form_class=ElectionForm,
    service=services.election_start,
    success=gettext_lazy("The election is ready; open the nominations when the circle is."),
    to=election_url,
    title=gettext_lazy("Elect someone to a role of “%(name)s”"),
    intro=gettext_lazy(
        "An election without candidates: each member names someone with a reason, the "
        "reasons are heard, each may change their mind, then the facilitator proposes "
        "someone and the circle consents."
    ),
    submit=gettext_lazy("Prepare the election"),
)


def _page(
    request: HttpRequest, pk: int, *, status: int = 200, given: dict[str, forms.Form] | None = None
) -> HttpResponse:
    detail = selectors.election_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    given = given or {}
    mine = detail.my_nomination
    context: dict[str, Any] = {
        "detail": detail,
        "process": detail.process,
        "election": detail.election,
        "group": detail.process.group,
        "group_url": group_processes_url(detail.process.group),
        "show_people": detail.show_people,
        "close_round": CLOSE_ROUND,
        "transition_form": given.get("transition") or TransitionForm(),
        "nomination_form": given.get("nomination")
        or NominationForm(
            voices=detail.voices,
            initial={"nominee": mine.nominee_id, "reason": mine.reason} if mine else None,
        ),
        "record_nomination_form": given.get("record_nomination")
        or RecordNominationForm(voices=detail.voices),
        "propose_form": given.get("propose") or ProposeForm(voices=detail.voices),
        "answer_form": given.get("answer")
        or AnswerForm(
            initial={"position": detail.my_answer.position, "reason": detail.my_answer.reason}
            if detail.my_answer
            else None
        ),
        "record_form": given.get("record") or RecordAnswerForm(voices=detail.voices),
    }
    return render(request, "decisions/election_detail.html", context, status=status)


@permission_required("decisions.view_process", obj=_process)
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


def _post(
    request: HttpRequest,
    pk: int,
    name: str,
    form: forms.Form,
    action: Callable[[User], object],
    success: str,
) -> HttpResponse:
    return post_form(request, pk, name, form, action, success, page=_page, to=election_url)


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def election_transition(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = TransitionForm(request.POST)

    def fire(actor: User) -> object:
        key = form.cleaned_data["transition"]
        if key == CLOSE_ROUND:
            return services.election_consent_close(actor=actor, process=process)
        return services.election_transition(actor=actor, process=process, transition=key)

    return _post(request, pk, "transition", form, fire, _("Done: the election moved on."))


def _voices(process: Process) -> dict[str, Any]:
    return {"voices": selectors.voices(process.group)}


_NOMINATION = ("nominee", "reason")
nomination_give = said(
    "nomination",
    NominationForm,
    services.nomination_give,
    _NOMINATION,
    gettext_lazy("Your nomination was recorded."),
    recorded=False,
    post=_post,
    permission="decisions.take_part",
    form_kwargs=_voices,
)


nomination_record = said(
    "record_nomination",
    RecordNominationForm,
    services.nomination_give,
    _NOMINATION,
    gettext_lazy("The nomination given offline was recorded."),
    recorded=True,
    post=_post,
    permission="decisions.record_answer",
    form_kwargs=_voices,
)


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def election_propose(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    form = ProposeForm(request.POST, voices=selectors.voices(process.group))
    return _post(
        request,
        pk,
        "propose",
        form,
        lambda actor: services.election_propose(
            actor=actor,
            process=process,
            person=form.cleaned_data["person"],
            reason=form.cleaned_data["reason"],
        ),
        _("The proposal is made; the consent round is open."),
    )


_ANSWER = ("position", "reason")
election_answer = said(
    "answer",
    AnswerForm,
    services.answer_give,
    _ANSWER,
    gettext_lazy("Your answer was recorded."),
    recorded=False,
    post=_post,
    permission="decisions.take_part",
)


election_answer_record = said(
    "record",
    RecordAnswerForm,
    services.answer_give,
    _ANSWER,
    gettext_lazy("The answer given offline was recorded."),
    recorded=True,
    post=_post,
    permission="decisions.record_answer",
    form_kwargs=_voices,
)
