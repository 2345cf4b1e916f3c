"""Paths of the decisions pages, for links in notifications and e-mails, built where no request
is at hand."""

from __future__ import annotations

from django.urls import reverse

from maillage.decisions.models import Decision, Process, ProcessKind

# The kinds of process with a page of their own; a consent process has the process page.
OWN_PAGES = {
    ProcessKind.POLL: "decisions:poll_detail",
    ProcessKind.ELECTION: "decisions:election_detail",
    ProcessKind.ADVICE: "decisions:advice_detail",
}


def process_path(process: Process) -> str:
    name = OWN_PAGES.get(ProcessKind(process.kind), "decisions:process_detail")
    return reverse(name, kwargs={"pk": process.pk})


def decision_path(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})
