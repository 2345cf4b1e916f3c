"""Polls at their times, by `manage.py close_decisions`: a scheduled poll opens, the voices still
awaited are reminded once before closing (in the platform and by e-mail), and the poll closes
at its closing time, its result in the register."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from maillage.core.models import AuditEvent, Notification
from maillage.decisions import services
from maillage.decisions.models import Decision, PollPosition
from maillage.decisions.tests.factories import poll_in
from maillage.decisions.verbs import DecisionVerb

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("close_decisions", stdout=out)
    return out.getvalue()


def reminders():
    return Notification.objects.filter(
        Q(subject__startswith="Rappel") | Q(subject__startswith="Reminder")
    )


def test_the_awaited_voices_are_reminded_once_before_closing(
    circle, django_capture_on_commit_callbacks
):
    poll = poll_in(circle.circle, closes_at=timezone.now() + dt.timedelta(hours=30))
    services.vote_cast(actor=circle.chloe, poll=poll, position=PollPosition.AGREE)
    services.vote_cast(actor=circle.nathan, poll=poll, position=PollPosition.AGREE)
    assert "0 reminded" in run() or "0 rappel" in run()  # 30 hours before: not yet
    assert not reminders().exists()
    poll.closes_at = timezone.now() + dt.timedelta(hours=20)
    poll.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    reminded = set(reminders().values_list("recipient", flat=True))
    # Chloé voted, and so did Amélie's organization through its substitute.
    assert reminded == {circle.bruno.pk, circle.fanny.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([circle.bruno.email, circle.fanny.email])
    run()
    assert reminders().count() == 2  # sent once
    assert AuditEvent.objects.filter(verb=DecisionVerb.POLL_REMINDED).count() == 1


def test_a_scheduled_poll_opens_and_a_poll_closes_at_its_times(circle):
    poll = poll_in(
        circle.circle, circle.chloe, opened=False, opens_at=timezone.now() + dt.timedelta(minutes=5)
    )
    services.poll_transition(actor=circle.chloe, poll=poll, transition="schedule")
    run()
    poll.process.refresh_from_db()
    assert poll.process.state == "scheduled"
    poll.opens_at = timezone.now() - dt.timedelta(minutes=1)
    poll.save()
    run()
    poll.process.refresh_from_db()
    assert poll.process.state == "open"
    services.vote_cast(actor=circle.chloe, poll=poll, position=PollPosition.AGREE)
    poll.closes_at = timezone.now() - dt.timedelta(minutes=1)
    poll.save()
    run()
    poll.process.refresh_from_db()
    assert poll.process.state == "closed"
    assert Decision.objects.get(process=poll.process).participation
    assert AuditEvent.objects.filter(verb=DecisionVerb.POLL_CLOSED_AT_TIME).count() == 1
    run()
    assert Decision.objects.count() == 1
