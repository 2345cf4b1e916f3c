"""Reminders before the deadline: the voices still awaited in an asynchronous consent round are
told once, a set time before it closes; the command that closes rounds sends them. Times are
given explicitly (no waiting)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.core.models import AuditEvent, Notification
from maillage.decisions import services
from maillage.decisions.models import Position, ProcessMode, Round
from maillage.decisions.paths import process_path
from maillage.decisions.tasks import remind_due_processes
from maillage.decisions.tests.factories import start, to_consent_round
from maillage.decisions.verbs import DecisionVerb

NOW = timezone.now()


def reminders(process) -> set:
    return {
        n.recipient
        for n in Notification.objects.filter(url=process_path(process), subject__contains="Rappel")
    }


@pytest.fixture
def open_round(circle, settings):
    """An asynchronous consent round opened now, closing in 48 hours; reminders 24 hours
    before. Chloé has consented, and Nathan for Amélie's organization."""
    settings.MAILLAGE_DECISION_REMINDER_HOURS = 24
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    process.deadline = NOW + dt.timedelta(hours=48)
    process.save(update_fields=["deadline"])
    Round.objects.filter(process=process).update(opened_at=NOW)
    services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    services.answer_give(actor=circle.nathan, process=process, position=Position.CONSENT)
    return process


def test_no_reminder_before_the_reminder_time(open_round):
    assert services.processes_remind_due(now=NOW + dt.timedelta(hours=23)) == 0
    assert reminders(open_round) == set()


def test_the_awaited_voices_are_reminded_once(
    open_round, circle, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.processes_remind_due(now=NOW + dt.timedelta(hours=25)) == 1
    # Bruno and Fanny have not answered; the organization Nathan answered for is not reminded.
    assert reminders(open_round) == {circle.bruno, circle.fanny}
    reminded = {tuple(m.to) for m in mail.outbox if "Rappel" in m.subject}
    assert reminded == {(circle.bruno.email,), (circle.fanny.email,)}
    event = AuditEvent.objects.get(verb=DecisionVerb.REMINDED)
    assert (event.payload["waiting"], event.payload["told"]) == (2, 2)
    # Once per round: later runs send nothing more.
    assert services.processes_remind_due(now=NOW + dt.timedelta(hours=30)) == 0
    assert Notification.objects.filter(subject__contains="Rappel").count() == 2


def test_a_new_consent_round_is_reminded_again(open_round, circle):
    services.processes_remind_due(now=NOW + dt.timedelta(hours=25))
    services.answer_give(
        actor=circle.bruno, process=open_round, position=Position.OBJECTION, reason="Trop tôt."
    )
    services.processes_close_due(now=NOW + dt.timedelta(hours=49))
    open_round.refresh_from_db()
    assert open_round.state == "integrating"
    services.process_transition(
        actor=circle.fanny,
        process=open_round,
        transition="open_consent",
        deadline=NOW + dt.timedelta(hours=100),
    )
    Round.objects.filter(process=open_round, closed_at__isnull=True).update(
        opened_at=NOW + dt.timedelta(hours=50)
    )
    assert services.processes_remind_due(now=NOW + dt.timedelta(hours=60)) == 0
    assert services.processes_remind_due(now=NOW + dt.timedelta(hours=80)) == 1
    # Everyone, this time: nobody has answered the second round.
    assert Notification.objects.filter(subject__contains="Rappel").count() == 2 + 5


def test_a_round_opened_within_the_reminder_time_is_not_reminded(circle, settings):
    settings.MAILLAGE_DECISION_REMINDER_HOURS = 24
    # The factory's deadline is an hour after the round opened: its opening notice suffices.
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    assert services.processes_remind_due(now=NOW + dt.timedelta(minutes=30)) == 0
    assert reminders(process) == set()


def test_live_and_past_deadline_rounds_are_not_reminded(open_round, circle):
    live = to_consent_round(
        start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    )
    # Past the deadline, the round is for closing, not reminding.
    assert services.processes_remind_due(now=NOW + dt.timedelta(hours=49)) == 0
    assert reminders(open_round) == reminders(live) == set()


def test_the_task_reminds(open_round, circle):
    assert remind_due_processes.call((NOW + dt.timedelta(hours=25)).isoformat()) == 1
    assert reminders(open_round) == {circle.bruno, circle.fanny}


def test_the_close_command_sends_the_due_reminders(open_round, circle, settings):
    # The round opened 10 hours ago; its deadline, in 48 hours, is within the reminder time.
    settings.MAILLAGE_DECISION_REMINDER_HOURS = 50
    Round.objects.filter(process=open_round).update(opened_at=NOW - dt.timedelta(hours=10))
    out = StringIO()
    call_command("close_decisions", stdout=out)
    assert reminders(open_round) == {circle.bruno, circle.fanny}
    assert "1" in out.getvalue().splitlines()[0]
    call_command("close_decisions", stdout=StringIO())
    assert len(reminders(open_round)) == 2
    assert Notification.objects.filter(subject__contains="Rappel").count() == 2
