"""Elections and advice processes brought to a given step through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Position, Process
from maillage.governance.models import Circle, Role
from maillage.governance.tests.factories import RoleFactory
from maillage.network.models import Person

# The path of steps from the draft to each state of the election workflow.
ELECTION_PATHS = {
    "draft": [],
    "nominating": ["open_nominations"],
    "nomination_round": ["open_nominations", "read_nominations"],
    "change_round": ["open_nominations", "read_nominations", "open_changes"],
    "proposing": ["open_nominations", "read_nominations", "open_changes", "close_changes"],
    "consenting": [
        "open_nominations",
        "read_nominations",
        "open_changes",
        "close_changes",
        "propose",
    ],
    "elected": [
        "open_nominations",
        "read_nominations",
        "open_changes",
        "close_changes",
        "propose",
        "elect",
    ],
    "withdrawn": ["withdraw"],
}


def elected_role(circle: Circle, **values: Any) -> Role:
    return RoleFactory(
        circle=circle,
        **({"name": "Secrétaire", "elected": True, "term_months": 24} | values),
    )


def election_in(
    role: Role, actor: Any = SYSTEM, *, facilitator: Any = None, **values: Any
) -> Process:
    return services.election_start(
        actor=actor, data=services.ElectionData(role=role, facilitator=facilitator, **values)
    )


def bring_election_to(process: Process, state: str, *, candidate: Person, voter: Any) -> Process:
    """Fire, as the platform, the steps that bring `process` to `state`; the facilitator
    proposes `candidate`, and `voter` consents."""
    for step in ELECTION_PATHS[state]:
        if step == "propose":
            services.election_propose(
                actor=SYSTEM, process=process, person=candidate, reason="Nommée le plus souvent."
            )
        elif step == "elect":
            services.answer_give(actor=voter, process=process, position=Position.CONSENT)
            services.election_consent_close(actor=SYSTEM, process=process)
        else:
            services.election_transition(actor=SYSTEM, process=process, transition=step)
    process.refresh_from_db()
    assert process.state == state
    return process


def in_a_week() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=7)


def advice_in(circle: Circle, actor: Any, **values: Any) -> Process:
    data = {
        "title": "Changer de fournisseur de salle",
        "proposal": "Nous louerons la salle communautaire de Limoilou.",
        "circle": circle,
        "deadline": in_a_week(),
    } | values
    return services.advice_start(actor=actor, data=services.AdviceData(**data))
