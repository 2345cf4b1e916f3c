"""The decisions app's sections on other apps' pages (registered in DecisionsConfig.ready):
My space's "What awaits me" lists the consent rounds awaiting the person's answer."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.models import User
from maillage.core.panels import Panel
from maillage.decisions import selectors


def my_answers(account: User, request: HttpRequest) -> Panel | None:
    processes = selectors.answers_awaited(viewer=account)
    if not processes:
        return None
    return {"template": "decisions/_my_answers.html", "context": {"processes": processes}}
