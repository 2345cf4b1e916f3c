"""Decisions due for review on the governance calendar: on the month's page, in the private
iCal feed and among My space's next dates of the group's members; a new review date shows at
once."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.decisions.models import Decision
from maillage.decisions.tests.factories import start
from maillage.governance import selectors as governance_selectors

pytestmark = pytest.mark.django_db


def decided(circle, *, title: str, review_in_days: int) -> Decision:
    process = start(circle.circle, title=title)
    today = timezone.localdate()
    return Decision.objects.create(
        process=process,
        circle=circle.circle,
        title=title,
        text="Le cercle adopte la charte.",
        kind=process.kind,
        decided_at=timezone.now(),
        effective_date=today,
        review_date=today + dt.timedelta(days=review_in_days),
    )


def test_a_decision_due_for_review_is_on_the_calendar_its_feed_and_my_space(circle):
    decision = decided(circle, title="Charte du logement", review_in_days=20)
    member = Client()
    member.force_login(circle.chloe)
    month = decision.review_date.strftime("%Y-%m")
    page = member.get(reverse("governance:calendar") + f"?month={month}").text
    assert "Charte du logement" in page
    assert reverse("decisions:decision_detail", kwargs={"pk": decision.pk}) in page
    token = governance_selectors.calendar_feed_token(circle.chloe)
    feed = member.get(reverse("governance:calendar_ical", kwargs={"token": token})).content
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")]
    assert "Révision d’une décision : Charte du logement" in summaries
    dates = member.get("/mon-espace/").text.split('id="my-dates-heading"', 1)[1]
    assert "Charte du logement" in dates
    # A review moved beyond the window leaves the feed and My space at once.
    decision.review_date = timezone.localdate() + dt.timedelta(days=400)
    decision.save()
    feed = member.get(reverse("governance:calendar_ical", kwargs={"token": token})).content
    assert b"Charte du logement" not in feed
    assert "Charte du logement" not in member.get("/mon-espace/").text
