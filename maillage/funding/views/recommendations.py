"""A call's ranking per envelope, and the committee's recommendation: its form and summary."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.decisions.paths import process_path
from maillage.funding.forms.recommendations import RecommendationForm
from maillage.funding.models import Call, Recommendation
from maillage.funding.selectors import recommendations as selectors
from maillage.funding.services import recommendations as services

_call = one_of(Call.objects.select_related("fund", "committee"))
_recommendation = one_of(Recommendation.objects.select_related("call", "process"))


def recommendation_url(recommendation: Recommendation) -> str:
    return reverse("funding:recommendation_detail", args=[recommendation.pk])


@permission_required("funding.manage")
def call_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's applications under review, per envelope, by their average, each with what
    its envelope would have left if it and those above were funded."""
    call = _call(request, pk)
    context = {
        "call": call,
        "rankings": selectors.call_ranking(call),
        "recommendations": selectors.call_recommendations(call),
    }
    return render(request, "funding/reviews_ranking.html", context)


@permission_required("funding.manage")
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee's recommendation on the call's applications awaiting it, put to a consent
    decision of the call's review committee."""
    call = _call(request, pk)
    applications = list(selectors.recommendable(call).select_related("organization"))
    form = RecommendationForm(request.POST or None, applications=applications)
    done = form_redirect(
        request,
        form,
        lambda actor: services.recommendation_prepare(
            actor=actor, call=call, lines=form.lines(), note=form.cleaned_data["note"]
        ),
        success=_("The recommendation was put to the review committee's consent."),
        to=recommendation_url,
    )
    context = {"call": call, "form": form, "applications": applications}
    return done or render(
        request, "funding/reviews_recommendation_form.html", context, status=form_status(form)
    )


@permission_required("funding.manage")
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A recommendation's lines, the amount it grants, and the decision process it went to."""
    recommendation = _recommendation(request, pk)
    context = {
        "summary": selectors.recommendation_summary(recommendation),
        "process_url": process_path(recommendation.process) if recommendation.process else "",
    }
    return render(request, "funding/reviews_recommendation.html", context)
