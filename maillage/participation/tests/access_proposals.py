"""Permission matrix rows of proposals, comments and supports: a published consultation's
proposals are public; contributing needs an account (a visitor goes to login); recording what was
gathered in person is for partners and staff."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.base import ContentFile

from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory
from tests.matrix import REDIRECT, Expect

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def sample(data: SimpleNamespace) -> None:
    data.proposals_consultation = ConsultationFactory(slug="consultation-propositions")
    data.proposal = ProposalFactory(consultation=data.proposals_consultation)
    data.proposal.image.save("marche.png", ContentFile(PNG), save=False)
    data.proposal.image_description = "Un marché"
    data.proposal.save()


by_slug = {"kwargs": lambda d: {"slug": d.proposals_consultation.slug}}
by_pk = {"kwargs": lambda d: {"pk": d.proposal.pk}}

ACCESS: dict[str, Expect] = {
    "participation:proposal_list": Expect.public(**by_slug),
    "participation:proposal_detail": Expect.public(**by_pk),
    "participation:proposal_image": Expect.public(**by_pk),
    "participation:proposal_create": Expect.authenticated(**by_slug),
    "participation:comment_create": Expect.authenticated(**by_pk),
    # Supporting is a POST: it answers by going back to the proposal's page.
    "participation:support_give": Expect.authenticated(REDIRECT, method="post", **by_pk),
    "participation:support_withdraw": Expect.authenticated(REDIRECT, method="post", **by_pk),
    "participation:recorded_proposal_add": Expect.members(**by_slug),
    "participation:recorded_comment_add": Expect.members(**by_pk),
    "participation:recorded_support_add": Expect.members(**by_pk),
    "participation:my_contributions": Expect.authenticated(),
}
