"""Polls: putting one to a circle or a workstream, its page (the result, when shown, counted on
the server), one's vote, a vote recorded offline by the facilitator, and its steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.models import User
from maillage.core.permissions import permission_required
from maillage.decisions import selectors, services
from maillage.decisions.forms import PollForm, PollTransitionForm, RecordVoteForm, VoteForm
from maillage.decisions.models import Poll
from maillage.decisions.views._common import (
    _process,
    group_processes_url,
    start_pages,
)


def poll_url(poll: Poll) -> str:
    return reverse("decisions:poll_detail", kwargs={"pk": poll.process_id})


circle_poll_create, workstream_poll_create = start_pages(
    form_class=PollForm,
    service=services.poll_start,
    success=gettext_lazy("The poll was saved as a draft; open it when it is ready."),
    to=poll_url,
    title=gettext_lazy("Put a poll to “%(name)s”"),
    submit=gettext_lazy("Save the poll"),
)


def _poll_page(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    forms_given: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    detail = selectors.poll_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    given = forms_given or {}
    voice_list = [row.voice for row in detail.voices]
    context: dict[str, Any] = {
        "detail": detail,
        "process": detail.process,
        "poll": detail.poll,
        "group_url": group_processes_url(detail.process.group),
        "transition_form": given.get("transition") or PollTransitionForm(poll=detail.poll),
        "vote_form": given.get("vote")
        or VoteForm(
            poll=detail.poll,
            options=detail.options,
            initial=VoteForm.initial_for(detail.my_vote, detail.my_values),
        ),
        "record_form": given.get("record")
        or RecordVoteForm(poll=detail.poll, options=detail.options, voices=voice_list),
    }
    return render(request, "decisions/poll_detail.html", context, status=status)


@permission_required("decisions.view_process", obj=_process)
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _poll_page(request, pk)


def _poll(request: HttpRequest, pk: int) -> Poll:
    process = _process(request, pk)
    poll = Poll.objects.filter(process=process).first()
    if poll is None:
        raise Http404
    poll.process = process
    return poll


def _post(
    request: HttpRequest,
    pk: int,
    name: str,
    form: forms.Form,
    action: Callable[[User, Poll], object],
    success: str,
) -> HttpResponse:
    """A form of the poll's page: the service's refusal comes back at the form's fields, on the
    page itself (400, or 403 for a role that may not), with what was typed."""
    poll = _poll(request, pk)
    status = 400
    if form.is_valid():
        try:
            action(actor_of(request), poll)
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        else:
            messages.success(request, success)
            return redirect(poll_url(poll))
    return _poll_page(request, pk, status=status, forms_given={name: form})


@permission_required("decisions.drive_process", obj=_process)
@require_POST
def poll_transition(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    form = PollTransitionForm(request.POST, poll=poll)
    return _post(
        request,
        pk,
        "transition",
        form,
        lambda actor, p: services.poll_transition(
            actor=actor,
            poll=p,
            transition=form.cleaned_data["transition"],
            chosen=form.cleaned_data.get("chosen"),
        ),
        _("Done: the poll moved on."),
    )


def _vote_view(*, recorded: bool) -> Callable[[HttpRequest, int], HttpResponse]:
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        poll = _poll(request, pk)
        options = list(poll.options.order_by("position"))
        form: VoteForm
        if recorded:
            form = RecordVoteForm(
                request.POST,
                poll=poll,
                options=options,
                voices=selectors.voices(poll.process.group),
            )
        else:
            form = VoteForm(request.POST, poll=poll, options=options)

        def act(actor: User, p: Poll) -> object:
            data = form.cleaned_data
            return services.vote_cast(
                actor=actor,
                poll=p,
                position=data.get("position") or "",
                values=form.values(),
                reason=data.get("reason") or "",
                person=data.get("person") if recorded else None,
            )

        success = (
            _("The vote given offline was recorded.") if recorded else _("Your vote was recorded.")
        )
        return _post(request, pk, "record" if recorded else "vote", form, act, success)

    permission = "decisions.record_answer" if recorded else "decisions.take_part"
    return permission_required(permission, obj=_process)(require_POST(view))


poll_vote = _vote_view(recorded=False)
poll_vote_record = _vote_view(recorded=True)
