"""Applications: one page per application."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from maillage.core.permissions import has_perm, permission_required
from maillage.funding.models import Application


def _application(request: HttpRequest, pk: int, **kwargs: Any) -> Application:
    return get_object_or_404(Application.objects.select_related("call", "organization"), pk=pk)


@permission_required("funding.view_application", obj=_application)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An application as its reader may see it: applicants read the public name of its state
    only; staff and its reviewers read the internal one."""
    application = _application(request, pk)
    internal = has_perm(request.user, "funding.view_analysis", application)
    context = {
        "application": application,
        "state_label": application.state_label if internal else application.public_state_label,
    }
    return render(request, "funding/applications_detail.html", context)
