"""The proposals list and a proposal's page read as many queries with 10 proposals as with
1,000, and with a few comments as with many."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.participation.models import Comment, Proposal, Signature
from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory, citizen

pytestmark = pytest.mark.django_db


def _proposals(consultation, author, count: int) -> None:
    Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            author=author,
            display_name=f"Voisin {n}",
            title=f"Proposition {n}",
            text="Une idée pour le quartier.",
            routed_circle=consultation.circle,
            support_count=n % 7,
        )
        for n in range(count)
    )


def _comments(proposal, author, count: int) -> None:
    tops = Comment.objects.bulk_create(
        Comment(proposal=proposal, author=author, display_name="Lou", text=f"Avis {n}")
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            proposal=proposal,
            author=author,
            parent=top,
            display_name="Max",
            text="Réponse",
            signature=Signature.PSEUDONYM,
        )
        for top in tops
    )


def test_the_list_reads_as_much_at_10_and_at_1000_proposals(query_budget):
    consultation = ConsultationFactory()
    author = citizen()
    client = Client()
    client.force_login(citizen())
    meter = query_budget(16)
    url = reverse("participation:proposal_list", args=[consultation.slug])
    sorted_url = f"{url}?order=supported&page=2"

    _proposals(consultation, author, 10)
    small = meter.get(client, url)
    _proposals(consultation, author, 990)
    large, large_sorted = meter.get(client, url), meter.get(client, sorted_url)

    assert small == large
    assert large_sorted <= large
    page = client.get(url).context["page"]
    assert page.paginator.count == 1000
    assert len(page.object_list) == 20


def test_a_proposals_page_reads_as_much_with_few_and_many_comments(query_budget):
    proposal = ProposalFactory()
    author = citizen()
    client = Client()
    client.force_login(citizen())
    meter = query_budget(16)
    url = reverse("participation:proposal_detail", args=[proposal.pk])

    _comments(proposal, author, 5)
    few = meter.get(client, url)
    _comments(proposal, author, 300)
    many = meter.get(client, url)

    assert few == many
    assert client.get(url).text.count('class="comment reply"') == 305
