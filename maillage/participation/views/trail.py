"""The influence trail's pages: an input's public trail, answering it, following it, and a
consultation's report back."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect, form_status
from maillage.core.lookups import once_per_request
from maillage.core.permissions import has_perm, permission_required
from maillage.participation import selectors
from maillage.participation.forms.trail import MoveForm, ReportBackForm, RouteForm
from maillage.participation.models import Consultation
from maillage.participation.selectors.trail import Input
from maillage.participation.services import trail as services


def _input(request: HttpRequest, kind: str, pk: int, **_kwargs: Any) -> Input:
    """The input a page is about, once per request; a hidden proposal only to its moderators."""
    found = once_per_request(
        request, ("trail-input", kind, pk), lambda: selectors.trail.input_for(kind, pk)
    )
    hidden = getattr(found, "hidden_at", None)
    if found is None or (hidden and not selectors.trail.may_see_hidden(request.user, found)):
        raise Http404
    return found


def _consultation(request: HttpRequest, slug: str) -> Consultation:
    return once_per_request(
        request,
        ("consultation", slug),
        lambda: get_object_or_404(
            Consultation.objects.select_related("circle", "workstream"), slug=slug
        ),
    )


def _trail_context(request: HttpRequest, input: Input) -> dict[str, Any]:
    return {
        "input": input,
        "kind": selectors.trail.kind_of(input),
        "kind_word": selectors.trail.kind_word(input),
        "steps": selectors.trail.trail_steps(viewer=request.user, input=input),
    }


@permission_required("participation.view_consultation", obj=_input)
def trail_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """An input's public trail, and the way to follow it."""
    input = _input(request, kind, pk)
    context = _trail_context(request, input) | {
        "following": selectors.trail.is_following(request.user, input),
        "may_answer": has_perm(request.user, "participation.answer_input", input),
    }
    return render(request, "participation/trail_detail.html", context)


def _answer_page(
    request: HttpRequest,
    input: Input,
    route: RouteForm | None = None,
    move: MoveForm | None = None,
) -> HttpResponse:
    group = services.answering_group(input)
    route = route or RouteForm()
    move = move or MoveForm(status=input.status, group=group)
    context = _trail_context(request, input) | {"route": route, "move": move, "group": group}
    return render(
        request,
        "participation/trail_answer.html",
        context,
        status=max(form_status(route), form_status(move)),
    )


@permission_required("participation.answer_input", obj=_input)
def trail_answer(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The page where the group's members send an input elsewhere or move its status."""
    return _answer_page(request, _input(request, kind, pk))


@permission_required("participation.answer_input", obj=_input)
@require_POST
def trail_route(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    input = _input(request, kind, pk)
    form = RouteForm(request.POST)
    done = form_redirect(
        request,
        form,
        lambda actor: services.input_route(
            actor=actor,
            input=input,
            group=form.cleaned_data["group"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("The input was sent."),
        to=lambda moved: selectors.trail.trail_path(moved),
    )
    return done or _answer_page(request, input, route=form)


@permission_required("participation.answer_input", obj=_input)
@require_POST
def trail_move(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    input = _input(request, kind, pk)
    form = MoveForm(request.POST, status=input.status, group=services.answering_group(input))
    done = form_redirect(
        request,
        form,
        lambda actor: services.input_move(actor=actor, input=input, **form.cleaned_data),
        success=_("The status was changed, and those who follow it are told."),
        to=lambda moved: selectors.trail.trail_path(moved),
    )
    return done or _answer_page(request, input, move=form)


@permission_required("participation.follow_input", obj=_input)
@require_POST
def trail_follow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    input = _input(request, kind, pk)
    return action_redirect(
        request,
        lambda actor: services.follow(actor=actor, input=input),
        success=_("You will be told when it moves."),
        to=selectors.trail.trail_path(input),
    )


@permission_required("participation.follow_input", obj=_input)
@require_POST
def trail_unfollow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    input = _input(request, kind, pk)
    return action_redirect(
        request,
        lambda actor: services.unfollow(actor=actor, input=input),
        success=_("You no longer follow it."),
        to=selectors.trail.trail_path(input),
    )


@permission_required("participation.view_consultation", obj=_consultation)
def consultation_report(request: HttpRequest, slug: str) -> HttpResponse:
    """A consultation's report back, and each of its proposals with its status and reason."""
    consultation = _consultation(request, slug)
    report = selectors.trail.consultation_report(
        viewer=request.user,
        consultation=consultation,
        status=request.GET.get("status", ""),
        page=request.GET.get("page") or 1,
    )
    context = {
        "report": report,
        "consultation": consultation,
        "may_write": has_perm(request.user, "participation.report_back", consultation),
    }
    return render(request, "participation/trail_report.html", context)


@permission_required("participation.report_back", obj=_consultation)
def consultation_report_back(request: HttpRequest, slug: str) -> HttpResponse:
    """The form of a consultation's report back; it carries the consultation's version."""
    consultation = _consultation(request, slug)
    return edit_page(
        request,
        consultation,
        lambda data: ReportBackForm(data, initial=ReportBackForm.initial_of(consultation)),
        lambda actor, form, version: services.consultation_report_back(
            actor=actor, consultation=consultation, version=version, **form.cleaned_data
        ),
        success=_("The report back is published."),
        to=lambda c: _report_url(c),
        page=lambda form: render(
            request,
            "participation/trail_report_back.html",
            {"form": form, "consultation": consultation, "cancel_url": _report_url(consultation)},
            status=form_status(form),
        ),
    )


def _report_url(consultation: Consultation) -> str:
    return reverse("participation:consultation_report", kwargs={"slug": consultation.slug})
