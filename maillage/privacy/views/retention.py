"""The retention page: the rules, the latest runs, "simulate" and "apply what was listed"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect
from maillage.core.formtools import row_key
from maillage.core.permissions import permission_required
from maillage.privacy import services
from maillage.privacy.models import RetentionRun
from maillage.privacy.selectors import retention as selectors


def _page_url() -> str:
    return reverse("privacy:retention")


@permission_required("privacy.view_registers")
def retention(request: HttpRequest) -> HttpResponse:
    runs = selectors.retention_runs(viewer=request.user)
    context = {
        "rules": selectors.retention_rules(viewer=request.user),
        "runs": runs,
        "to_apply": selectors.simulation_to_apply(runs),
    }
    return render(request, "privacy/retention/page.html", context)


@permission_required("privacy.apply_retention")
@require_POST
def retention_simulate(request: HttpRequest) -> HttpResponse:
    return action_redirect(
        request,
        lambda actor: services.retention_apply(actor=actor, dry_run=True),
        success=lambda run: (
            _("Simulation done: %(count)d record(s) would be removed.") % {"count": run.total}
        ),
        to=_page_url(),
    )


@permission_required("privacy.apply_retention")
@require_POST
def retention_apply(request: HttpRequest) -> HttpResponse:
    key = row_key(RetentionRun, request.POST.get("simulation"))
    simulation = RetentionRun.objects.filter(pk=key, dry_run=True).first() if key else None
    if simulation is None:
        raise Http404
    return action_redirect(
        request,
        lambda actor: services.retention_apply(actor=actor, dry_run=False, simulation=simulation),
        success=lambda run: _("%(count)d record(s) removed.") % {"count": run.total},
        to=_page_url(),
        refusals=(ValidationError,),
    )
