"""The register of confidentiality incidents."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from maillage.core.actions import edit_page, form_redirect
from maillage.core.formtools import initial_from
from maillage.core.permissions import permission_required
from maillage.privacy import services
from maillage.privacy.forms.incidents import IncidentForm
from maillage.privacy.models import Incident
from maillage.privacy.selectors import incidents as incident_selectors
from maillage.privacy.services.incidents import INCIDENT_FIELDS
from maillage.privacy.views._common import (
    EXPORT_FORMATS,
    PAGE_SIZE,
    export_response,
    form_page,
)


def _list_url() -> str:
    return reverse("privacy:incident_list")


def _get(request: HttpRequest, pk: int) -> Incident:
    incident = incident_selectors.incident_detail(viewer=request.user, pk=pk)
    if incident is None:
        raise Http404
    return incident


@permission_required("privacy.view_registers")
def incident_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(incident_selectors.incident_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy/incidents/list.html", {"page": page})


@permission_required("privacy.view_registers")
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "privacy/incidents/detail.html", {"incident": _get(request, pk)})


@permission_required("privacy.manage_registers")
def incident_create(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.incident_create(actor=actor, **form.cleaned_data),
        success=_("The incident was recorded."),
        to=lambda incident: reverse("privacy:incident_detail", args=[incident.pk]),
    ) or form_page(
        request,
        form,
        title=_("Record a confidentiality incident"),
        submit=_("Record the incident"),
        cancel_url=_list_url(),
        section=_("Confidentiality incidents"),
        section_url=_list_url(),
    )


@permission_required("privacy.manage_registers")
def incident_update(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _get(request, pk)
    detail_url = reverse("privacy:incident_detail", args=[incident.pk])
    initial = initial_from(incident, *INCIDENT_FIELDS)
    return edit_page(
        request,
        incident,
        lambda data: IncidentForm(data, initial=initial),
        lambda actor, form, version: services.incident_update(
            actor=actor, incident=incident, version=version, **form.cleaned_data
        ),
        success=_("The incident was saved."),
        to=detail_url,
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit %(incident)s") % {"incident": incident},
            submit=_("Save"),
            cancel_url=detail_url,
            section=_("Confidentiality incidents"),
            section_url=_list_url(),
        ),
    )


# The register holds personal information: no HTTP cache keeps it.
@permission_required("privacy.view_registers")
@never_cache
def incident_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return export_response(
        incident_selectors.incident_table(viewer=request.user),
        fmt=fmt,
        title=_("Incidents"),
        name="incidents",
    )
