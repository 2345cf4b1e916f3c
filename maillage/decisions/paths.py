"""Paths of the decisions pages, for links in notifications and e-mails, built where no request
is at hand."""

from __future__ import annotations

from django.urls import reverse

from maillage.decisions.models import Decision, Process, ProcessKind


def process_path(process: Process) -> str:
    name = "poll_detail" if process.kind == ProcessKind.POLL else "process_detail"
    return reverse(f"decisions:{name}", kwargs={"pk": process.pk})


def decision_path(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})
