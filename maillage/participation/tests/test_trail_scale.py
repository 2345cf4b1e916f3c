"""The pages that list inputs keep their query count from 10 to 1,000 of them: a circle's page
with its panel of ideas waiting, and a consultation's report back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.participation.models import Proposal, TrailStatus
from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory
from maillage.participation.tests.trail_helpers import routed_proposal

pytestmark = pytest.mark.django_db


def _more(like: Proposal, count: int, **fields) -> None:
    """`count` proposals like `like`, in one query, in every status."""
    statuses = [TrailStatus.RECEIVED, TrailStatus.UNDER_STUDY, TrailStatus.TAKEN_UP]
    Proposal.objects.bulk_create(
        Proposal(
            consultation=like.consultation,
            author=like.author,
            display_name=f"Voisin{n}",
            title=f"Idée {n}",
            text="Texte.",
            routed_circle=like.routed_circle,
            status=statuses[n % len(statuses)],
            **fields,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("who", ["member", Role.STAFF])
def test_a_circles_page_with_its_waiting_ideas_keeps_its_query_count(who, query_budget):
    """The panel shows to those who see the group's inside: its members and staff."""
    proposal, circle, member = routed_proposal()
    client = Client()
    client.force_login(member if who == "member" else user_with_role(who))
    url = reverse("governance:circle_detail", kwargs={"slug": circle.slug})
    meter = query_budget(60)
    _more(proposal, 9)
    few = meter.get(client, url)
    assert "Idées citoyennes en attente de réponse" in client.get(url).text
    _more(proposal, 990)
    many = meter.get(client, url)
    assert few == many
    page = client.get(url).text
    assert "contributions en tout" in page


def test_the_report_back_page_keeps_its_query_count(query_budget):
    consultation = ConsultationFactory()
    first = ProposalFactory(consultation=consultation)
    client = Client()
    url = reverse("participation:consultation_report", kwargs={"slug": consultation.slug})
    meter = query_budget(15)
    _more(first, 9)
    few = meter.get(client, url)
    _more(first, 990)
    many = meter.get(client, url)
    assert few == many
    by_status = client.get(url, {"status": TrailStatus.TAKEN_UP})
    assert by_status.status_code == 200
    assert "Idée 2" in by_status.text and "Idée 1<" not in by_status.text
