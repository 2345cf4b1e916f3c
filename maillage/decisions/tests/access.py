"""Permission matrix of the decisions pages (see tests/matrix.py).

The sample accounts of the matrix belong to no circle nor workstream: they read public
decisions only, and take part in nothing; staff read and drive every process.
"""

from __future__ import annotations

from types import SimpleNamespace

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Position, ProcessMode, Visibility
from maillage.decisions.tests.election_factories import advice_in, elected_role, election_in
from maillage.decisions.tests.factories import (
    CircleFactory,
    WorkstreamFactory,
    member_of,
    poll_in,
    start,
    to_consent_round,
)
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    circle = CircleFactory.create(name="Cercle témoin des décisions")
    workstream = WorkstreamFactory.create(name="Chantier témoin des décisions")
    member = member_of(circle)
    # An internal process at its quick reactions (its proposal may be amended), and a public
    # decision.
    data.dec_process = start(circle, SYSTEM, visibility=Visibility.INTERNAL)
    for step in ("present", "open_clarifying", "open_reactions"):
        services.process_transition(actor=SYSTEM, process=data.dec_process, transition=step)
    decided = to_consent_round(
        start(circle, SYSTEM, visibility=Visibility.PUBLIC, mode=ProcessMode.LIVE)
    )
    services.answer_give(actor=member, process=decided, position=Position.CONSENT)
    services.consent_round_close(actor=SYSTEM, process=decided)
    decided.refresh_from_db()
    data.dec_decision = decided.decision
    # An internal poll, open for votes.
    data.dec_poll = poll_in(circle, SYSTEM, variant="ranked")
    data.dec_circle = circle
    data.dec_workstream = workstream
    # An internal election at its nominations, and an advice process seeking advice.
    data.dec_election = election_in(elected_role(circle), SYSTEM)
    services.election_transition(
        actor=SYSTEM, process=data.dec_election, transition="open_nominations"
    )
    data.dec_advice = advice_in(circle, SYSTEM, people=[member.person])
    services.advice_transition(actor=SYSTEM, process=data.dec_advice, transition="ask")


process = {"kwargs": lambda d: {"pk": d.dec_process.pk}}
poll = {"kwargs": lambda d: {"pk": d.dec_poll.process_id}}
circle = {"kwargs": lambda d: {"slug": d.dec_circle.slug}}
workstream = {"kwargs": lambda d: {"slug": d.dec_workstream.slug}}
election = {"kwargs": lambda d: {"pk": d.dec_election.pk}}
advice = {"kwargs": lambda d: {"pk": d.dec_advice.pk}}
# Only the members of the process's circle take part: none of the sample accounts.
PARTICIPANTS_ONLY = Expect.of(LOGIN, 403, 403, 403, 403, 403, **process)

ACCESS = {
    # The register and a public decision: anyone.
    "decisions:register": Expect.public(),
    "decisions:decision_detail": Expect.public(kwargs=lambda d: {"pk": d.dec_decision.pk}),
    # The processes of a circle or a workstream: its members and staff.
    "decisions:circle_processes": Expect.staff(**circle),
    "decisions:workstream_processes": Expect.staff(**workstream),
    "decisions:circle_process_create": Expect.staff(**circle),
    "decisions:workstream_process_create": Expect.staff(**workstream),
    # An internal process: its circle's members and staff.
    "decisions:process_detail": Expect.staff(**process),
    "decisions:process_amend": Expect.staff(**process),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "decisions:process_transition": Expect.staff(405, **process),
    "decisions:answer_record": Expect.staff(405, **process),
    "decisions:remark_record": Expect.staff(405, **process),
    "decisions:answer_give": PARTICIPANTS_ONLY,
    "decisions:remark_add": PARTICIPANTS_ONLY,
    # Elections: started by the group's members and staff, followed by its members and staff.
    "decisions:circle_election_create": Expect.staff(**circle),
    "decisions:workstream_election_create": Expect.staff(**workstream),
    "decisions:election_detail": Expect.staff(**election),
    "decisions:election_transition": Expect.staff(405, **election),
    "decisions:election_propose": Expect.staff(405, **election),
    "decisions:nomination_record": Expect.staff(405, **election),
    "decisions:election_answer_record": Expect.staff(405, **election),
    "decisions:nomination_give": Expect.of(LOGIN, 403, 403, 403, 403, 403, **election),
    "decisions:election_answer": Expect.of(LOGIN, 403, 403, 403, 403, 403, **election),
    # Advice processes: the people asked give advice (none of the sample accounts).
    "decisions:circle_advice_create": Expect.staff(**circle),
    "decisions:workstream_advice_create": Expect.staff(**workstream),
    "decisions:advice_detail": Expect.staff(**advice),
    "decisions:advice_transition": Expect.staff(405, **advice),
    "decisions:advice_record": Expect.staff(405, **advice),
    "decisions:advice_decide": Expect.staff(405, **advice),
    "decisions:advice_give": Expect.of(LOGIN, 403, 403, 403, 403, 403, **advice),
    # Polls: put by the group's members and staff; an internal poll read by them.
    "decisions:circle_poll_create": Expect.staff(**circle),
    "decisions:workstream_poll_create": Expect.staff(**workstream),
    "decisions:poll_detail": Expect.staff(**poll),
    "decisions:poll_transition": Expect.staff(405, **poll),
    "decisions:poll_vote_record": Expect.staff(405, **poll),
    "decisions:poll_vote": Expect.of(LOGIN, 403, 403, 403, 403, 403, **poll),
}
