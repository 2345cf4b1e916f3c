"""What the influence trail's tests share: a circle with its members, a proposal routed to it,
and a decision of the circle taken through the decisions services."""

from __future__ import annotations

from typing import Any

from maillage.core.permissions import SYSTEM
from maillage.core.tests.factories import UserFactory
from maillage.decisions import services as decisions
from maillage.decisions.models import Decision, Position, Process, Visibility
from maillage.decisions.tests.factories import member_of, start, to_consent_round
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import Proposal
from maillage.participation.tests.factories import CircleFactory, ProposalFactory


def routed_proposal(**kwargs: Any) -> tuple[Proposal, Circle, Any]:
    """A proposal routed to a circle of its own, and a member of that circle."""
    circle = CircleFactory()
    member = member_of(circle)
    proposal = ProposalFactory(routed_circle=circle, **kwargs)
    return proposal, circle, member


def consented(
    group: Circle | Workstream,
    *voters: Any,
    visibility: str = Visibility.PUBLIC,
    title: str = "Ouvrir une halte-chaleur",
) -> Decision:
    """A live consent process of `group`, every voter consenting, closed: its decision."""
    process = to_consent_round(start(group, mode="live", visibility=visibility, title=title))
    for voter in voters:
        decisions.answer_give(actor=voter, process=process, position=Position.CONSENT)
    decisions.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def process_of(group: Circle | Workstream, **data: Any) -> Process:
    return start(group, **data)


def outsider() -> Any:
    return UserFactory(role="member")
