"""The moderation queue keeps its number of queries at 10 and 1,000 reported contributions, and
pages through them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Comment, Moderator, Proposal, Report, ReportReason
from maillage.participation.selectors.moderation import PER_PAGE
from maillage.participation.tests.factories import ConsultationFactory, citizen

pytestmark = pytest.mark.django_db


def reported(count: int) -> None:
    """`count` reported contributions, half proposals and half comments, two of them hidden."""
    consultation = ConsultationFactory()
    reporter = citizen()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            display_name=f"Voisin {n}",
            title=f"Idée {n}",
            text=f"Texte {n}",
            routed_circle=consultation.circle,
        )
        for n in range(count // 2)
    )
    comments = Comment.objects.bulk_create(
        Comment(
            proposal=proposals[n % len(proposals)], display_name=f"Voisine {n}", text=f"Avis {n}"
        )
        for n in range(count - count // 2)
    )
    # Interleaved, so that every page of the queue holds proposals and comments.
    Report.objects.bulk_create(
        report
        for pair in zip(
            (Report(proposal=p, reporter=reporter, reason=ReportReason.SPAM) for p in proposals),
            (Report(comment=c, reporter=reporter, reason=ReportReason.OFF_TOPIC) for c in comments),
            strict=False,
        )
        for report in pair
    )
    Report.objects.filter(pk__in=Report.objects.order_by("pk").values("pk")[:3]).update(
        handled_at=timezone.now()
    )
    Proposal.objects.filter(pk=proposals[0].pk).update(
        hidden_at=timezone.now(), hidden_reason="Pourriel"
    )
    Comment.objects.filter(pk=comments[0].pk).update(
        hidden_at=timezone.now(), hidden_reason="Hors sujet"
    )


@pytest.mark.parametrize("tab", ["open", "hidden", "handled"])
def test_the_queue_keeps_its_query_count_from_10_to_1000_contributions(query_budget, tab):
    staff = Client()
    staff.force_login(user_with_role(Role.STAFF))
    url = reverse("participation:moderation_queue") + f"?tab={tab}"
    reported(10)
    small = query_budget(20).get(staff, url)
    reported(990)
    assert query_budget(small).get(staff, url) == small


def test_a_named_moderators_queue_keeps_its_query_count(query_budget):
    consultation = ConsultationFactory()
    moderator = member_of(consultation.circle)
    Moderator.objects.create(circle=consultation.circle, account=moderator)
    client = Client()
    client.force_login(moderator)
    url = reverse("participation:moderation_queue")
    reported(10)
    small = query_budget(25).get(client, url)
    reported(990)
    assert query_budget(small).get(client, url) == small


def test_the_queue_is_paginated():
    reported(PER_PAGE * 2 + 6)
    staff = Client()
    staff.force_login(user_with_role(Role.STAFF))
    url = reverse("participation:moderation_queue")
    first = staff.get(url)
    assert first.text.count('class="card moderation-row"') == PER_PAGE
    last = staff.get(url + "?page=3")
    # 46 reported, 3 reports handled: 43 waiting.
    assert last.text.count('class="card moderation-row"') == 3
    assert "43 contributions" in first.text
