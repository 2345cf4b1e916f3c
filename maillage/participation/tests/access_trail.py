"""Permission matrix rows of the influence trail's pages (see tests/access.py).

The sample proposal is routed to the general circle, in which none of the sample accounts takes
part: only staff answer it; anyone reads its trail; any account follows it. Its consultation's
report back is written: its form edits it (and must carry the consultation's version)."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.participation.tests.factories import ProposalFactory
from tests.matrix import Expect

ACCESS_KWARGS = {"kwargs": lambda d: {"kind": "proposal", "pk": d.trail_proposal.pk}}
REPORT_KWARGS = {"kwargs": lambda d: {"slug": d.trail_proposal.consultation.slug}}


def sample(data: SimpleNamespace) -> None:
    data.trail_proposal = ProposalFactory(
        consultation__heard_fr="Nous avons entendu le besoin de lieux chauffés.",
        consultation__decided_fr="Deux haltes-chaleur ouvriront cet hiver.",
    )


ACCESS: dict[str, Expect] = {
    "participation:trail": Expect.public(**ACCESS_KWARGS),
    "participation:trail_answer": Expect.staff(**ACCESS_KWARGS),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "participation:trail_route": Expect.staff(405, **ACCESS_KWARGS),
    "participation:trail_move": Expect.staff(405, **ACCESS_KWARGS),
    "participation:trail_follow": Expect.authenticated(405, **ACCESS_KWARGS),
    "participation:trail_unfollow": Expect.authenticated(405, **ACCESS_KWARGS),
    "participation:consultation_report": Expect.public(**REPORT_KWARGS),
    "participation:consultation_report_back": Expect.staff(**REPORT_KWARGS),
}
