"""The decisions app's sections on other apps' pages (registered in DecisionsConfig.ready):
My space's "What awaits me" lists the processes awaiting the person's answer, kept per account
until a process, its rounds, answers, votes, nominations or advice, or who takes part, change
(`AWAITING_CACHE`)."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core import my_space
from maillage.core.models import User
from maillage.core.panels import Panel
from maillage.decisions import selectors

AWAITING_CACHE = "decisions.awaiting"


def my_answers(account: User, request: HttpRequest) -> Panel | None:
    processes = my_space.kept(
        account, AWAITING_CACHE, "answers", lambda: selectors.answers_awaited(viewer=account)
    )
    if not processes:
        return None
    return {"template": "decisions/_my_answers.html", "context": {"processes": processes}}
