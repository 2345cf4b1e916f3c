"""The analysis pages: an application's analysis (screening and reviewers for staff), a
reviewer's list, the scoring form and the declaration of a conflict of interest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from maillage.core import my_space
from maillage.core.actions import action_redirect, form_redirect, form_status, refusal_message
from maillage.core.actors import actor_of
from maillage.core.lookups import one_of
from maillage.core.models import User
from maillage.core.panels import Panel
from maillage.core.permissions import has_perm, permission_required, reason_for
from maillage.funding.forms.reviews import (
    SUBMIT,
    AssignForm,
    ConflictForm,
    ReviewerChoice,
    ReviewForm,
    ScreeningForm,
)
from maillage.funding.models import Application
from maillage.funding.selectors import reviews as selectors
from maillage.funding.services import reviews as services
from maillage.funding.views.applications import (
    BatchAction,
    batch_back_url,
    register_batch_action,
)

_application = one_of(Application.objects.select_related("call", "organization", "envelope"))


def analysis_url(application: Application) -> str:
    return reverse("funding:application_analysis", args=[application.pk])


def _screening_form(application: Application, data: Any = None) -> ScreeningForm:
    analysis_envelopes = list(application.call.envelopes.select_related("territory", "stream"))
    form = ScreeningForm(
        data,
        checks=selectors.screening_suggestions(application),
        envelopes=analysis_envelopes,
    )
    if application.envelope_id and not form.is_bound:
        form.initial["envelope"] = application.envelope_id
    return form


def _assign_form(application: Application, data: Any = None) -> AssignForm:
    return AssignForm(data, members=selectors.committee_members(application))


def _analysis_page(
    request: HttpRequest, application: Application, **given: forms.Form
) -> HttpResponse:
    staff = has_perm(request.user, "funding.manage")
    analysis = selectors.application_analysis(viewer=request.user, application=application)
    if analysis is None:
        raise PermissionDenied(reason_for("funding.view_analysis"))
    context: dict[str, Any] = {
        "analysis": analysis,
        "staff": staff,
        "can_review": has_perm(request.user, "funding.review", application),
    }
    if staff:
        if application.state in ("submitted", "screening"):
            context["screening_form"] = given.get("screening") or _screening_form(application)
        if application.state in services.ASSIGNABLE and application.call.committee_id:
            context["assign_form"] = given.get("assign") or _assign_form(application)
    status = max((form_status(f) for f in given.values()), default=200)
    return render(request, "funding/reviews_analysis.html", context, status=status)


@permission_required("funding.view_analysis", obj=_application)
def application_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    """An application's analysis: its screening, reviewers and their conflicts, the submitted
    reviews with their scores, the average, and the internal comments. For staff and for its
    reviewers who are not excluded; staff screen and assign reviewers here."""
    return _analysis_page(request, _application(request, pk))


@permission_required("funding.manage")
@require_POST
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = _screening_form(application, request.POST)
    return form_redirect(
        request,
        form,
        lambda actor: services.screening_record(
            actor=actor,
            application=application,
            checks=form.checks(),
            eligible=form.eligible(),
            note=form.cleaned_data["note"],
            envelope=form.cleaned_data["envelope"],
        ),
        success=_("The screening was recorded."),
        to=analysis_url(application),
    ) or _analysis_page(request, application, screening=form)


@permission_required("funding.manage")
@require_POST
def reviewers_assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = _assign_form(application, request.POST)
    return form_redirect(
        request,
        form,
        lambda actor: services.reviewers_assign(
            actor=actor, application=application, reviewers=form.cleaned_data["reviewers"]
        ),
        success=_("The reviewers were assigned."),
        to=analysis_url(application),
    ) or _analysis_page(request, application, assign=form)


@permission_required("funding.manage")
@require_POST
def reviewer_unassign(request: HttpRequest, pk: int, reviewer: int) -> HttpResponse:
    application = _application(request, pk)
    person = get_object_or_404(User, pk=reviewer)
    return action_redirect(
        request,
        lambda actor: services.reviewer_unassign(
            actor=actor, application=application, reviewer=person
        ),
        success=_("The reviewer was withdrawn."),
        to=analysis_url(application),
    )


@permission_required("funding.view_my_reviews")
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The applications the person is asked to review and is not excluded from."""
    assert isinstance(request.user, User)
    rows = selectors.my_reviews(viewer=request.user)
    return render(request, "funding/reviews_mine.html", {"rows": rows})


# My space's applications awaiting a reviewer's score, kept per account and day (a seat's or a
# function's end date counts from today) until what decides them changes (`apps._ready_reviews`).
AWAITING_CACHE = "funding.reviews-awaited"


def my_reviews_awaited(account: User, request: HttpRequest) -> Panel | None:
    """My space's "What awaits me": the applications the person has still to score."""
    applications = my_space.kept(
        account, AWAITING_CACHE, "reviews", lambda: selectors.reviews_awaited(viewer=account)
    )
    if not applications:
        return None
    return {"template": "funding/reviews_awaited.html", "context": {"applications": applications}}


@permission_required("funding.review", obj=_application)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's scoring of an application on its call's grid: saved as a draft, or
    submitted once every criterion is scored."""
    application = _application(request, pk)
    assert isinstance(request.user, User)
    found = selectors.review_of(viewer=request.user, application=application)
    form = ReviewForm(
        request.POST or None, criteria=found.criteria, review=found.review, scores=found.scores
    )
    submitted = found.review is not None and found.review.submitted_at is not None
    submitting = request.POST.get("action") == SUBMIT
    service = services.review_submit if submitting else services.review_save
    done = None
    if not submitted:
        done = form_redirect(
            request,
            form,
            lambda actor: service(actor=actor, application=application, **form.values()),
            success=_("Your review was submitted.") if submitting else _("Your draft was saved."),
            to=reverse("funding:my_reviews") if submitting else request.path,
        )
    context = {
        "application": application,
        "form": form,
        "found": found,
        "submitted": submitted,
        "open": application.state == "in_review",
    }
    return done or render(request, "funding/reviews_edit.html", context, status=form_status(form))


@permission_required("funding.declare_conflict", obj=_application)
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer declares a conflict of interest with an application they are assigned to."""
    application = _application(request, pk)
    form = ConflictForm(request.POST or None)
    done = form_redirect(
        request,
        form,
        lambda actor: services.conflict_declare(
            actor=actor, application=application, reason=form.cleaned_data["reason"]
        ),
        success=_("Your conflict of interest was recorded: you no longer review this project."),
        to=reverse("funding:my_reviews"),
    )
    return done or render(
        request,
        "funding/reviews_conflict.html",
        {"application": application, "form": form},
        status=form_status(form),
    )


def _batch_fields() -> dict[str, forms.Field]:
    return {
        "reviewers": ReviewerChoice(
            label=gettext_lazy("Reviewers to assign"),
            queryset=selectors.committees_members(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    }


def _batch_assign(
    request: HttpRequest, applications: QuerySet[Application], data: dict[str, Any]
) -> HttpResponse:
    """Assign the chosen reviewers to each selected application; those outside an
    application's committee, or an application past its analysis, are refused by name."""
    back = redirect(batch_back_url(request))
    chosen = list(data.get("reviewers") or [])
    if not chosen:
        messages.error(request, _("Choose the reviewers to assign."))
        return back
    actor = actor_of(request)
    assigned = 0
    for application in applications.select_related("call"):
        try:
            services.reviewers_assign(actor=actor, application=application, reviewers=chosen)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, f"{application.reference}: {refusal_message(error)}")
        else:
            assigned += 1
    if assigned:
        messages.success(
            request,
            ngettext(
                "Reviewers assigned to %(count)s application.",
                "Reviewers assigned to %(count)s applications.",
                assigned,
            )
            % {"count": assigned},
        )
    return back


register_batch_action(
    BatchAction("assign", gettext_lazy("Assign reviewers"), _batch_assign, _batch_fields)
)
