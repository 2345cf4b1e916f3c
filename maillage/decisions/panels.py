"""The decisions app's sections on other apps' pages (registered in DecisionsConfig.ready):
My space's "What awaits me" lists the processes awaiting the person's answer, kept per account
until a process, its rounds, answers, votes, nominations or advice, or who takes part, change
(`AWAITING_CACHE`).

And the sections apps above add to a process's page and to its decision's page
(`DECISION_PANELS`, `core.panels`): what the process puts to consent in their terms (the work
plan's objectives it adopts…). Each panel receives the process and the request."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core import my_space
from maillage.core.models import User
from maillage.core.panels import Panel, Panels
from maillage.decisions import selectors
from maillage.decisions.models import Process

AWAITING_CACHE = "decisions.awaiting"

# Shown on a process's page and on the page of the decision it closed into.
DECISION_PANELS: Panels[Process] = Panels("process")


def my_answers(account: User, request: HttpRequest) -> Panel | None:
    processes = my_space.kept(
        account, AWAITING_CACHE, "answers", lambda: selectors.answers_awaited(viewer=account)
    )
    if not processes:
        return None
    return {"template": "decisions/_my_answers.html", "context": {"processes": processes}}
