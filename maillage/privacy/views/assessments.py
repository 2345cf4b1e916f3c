"""The privacy impact assessments."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import edit_page, form_redirect
from maillage.core.formtools import initial_from
from maillage.core.permissions import permission_required
from maillage.privacy import services
from maillage.privacy.forms.assessments import AssessmentForm
from maillage.privacy.models import Assessment
from maillage.privacy.parts import part_titles
from maillage.privacy.selectors import assessments as selectors
from maillage.privacy.services.assessments import ASSESSMENT_FIELDS
from maillage.privacy.views._common import PAGE_SIZE, form_page


def _list_url() -> str:
    return reverse("privacy:assessment_list")


def _get(request: HttpRequest, pk: int) -> Assessment:
    assessment = selectors.assessment_detail(viewer=request.user, pk=pk)
    if assessment is None:
        raise Http404
    return assessment


@permission_required("privacy.view_registers")
def assessment_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.assessment_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for assessment in page.object_list:
        assessment.part_titles = part_titles(assessment.covers)  # type: ignore[attr-defined]
    return render(request, "privacy/assessments/list.html", {"page": page})


@permission_required("privacy.view_registers")
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get(request, pk)
    context = {"assessment": assessment, "parts": part_titles(assessment.covers)}
    return render(request, "privacy/assessments/detail.html", context)


@permission_required("privacy.manage_registers")
def assessment_create(request: HttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.assessment_create(actor=actor, **form.cleaned_data),
        success=_("The assessment was recorded."),
        to=lambda assessment: reverse("privacy:assessment_detail", args=[assessment.pk]),
    ) or form_page(
        request,
        form,
        title=_("Record a privacy impact assessment"),
        submit=_("Record the assessment"),
        cancel_url=_list_url(),
        section=_("Privacy impact assessments"),
        section_url=_list_url(),
    )


@permission_required("privacy.manage_registers")
def assessment_update(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get(request, pk)
    detail_url = reverse("privacy:assessment_detail", args=[assessment.pk])
    initial = initial_from(assessment, *ASSESSMENT_FIELDS)
    return edit_page(
        request,
        assessment,
        lambda data: AssessmentForm(data, initial=initial),
        lambda actor, form, version: services.assessment_update(
            actor=actor, assessment=assessment, version=version, **form.cleaned_data
        ),
        success=_("The assessment was saved."),
        to=detail_url,
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the assessment: %(project)s") % {"project": assessment.project},
            submit=_("Save"),
            cancel_url=detail_url,
            section=_("Privacy impact assessments"),
            section_url=_list_url(),
        ),
    )
