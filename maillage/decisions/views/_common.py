"""What the pages of the decisions app share: finding their objects, their addresses."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.decisions.models import Decision, Process
from maillage.decisions.paths import process_path
from maillage.governance.models import Circle, Workstream

_process = one_of(Process.objects.select_related("circle", "workstream"))
_decision = one_of(Decision.objects.select_related("circle", "workstream"))
_circle = one_of(Circle.objects.all(), by="slug")
_workstream = one_of(Workstream.objects.all(), by="slug")


def process_url(process: Process) -> str:
    return process_path(process)


def decision_url(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})


def _kind(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"


def group_processes_url(group: Circle | Workstream) -> str:
    return reverse(f"decisions:{_kind(group)}_processes", kwargs={"slug": group.slug})


def _in_each_group(
    permission: str, view: Callable[[HttpRequest, Circle | Workstream], HttpResponse]
) -> tuple[Callable[[HttpRequest, str], HttpResponse], Callable[[HttpRequest, str], HttpResponse]]:
    @permission_required(permission, obj=_circle)
    def in_circle(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _circle(request, slug))

    @permission_required(permission, obj=_workstream)
    def in_workstream(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _workstream(request, slug))

    return in_circle, in_workstream
