"""Paths of the decisions pages, for links in notifications and e-mails, built where no request
is at hand."""

from __future__ import annotations

from django.urls import reverse

from maillage.decisions.models import Decision, Process


def process_path(process: Process) -> str:
    return reverse("decisions:process_detail", kwargs={"pk": process.pk})


def decision_path(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})
