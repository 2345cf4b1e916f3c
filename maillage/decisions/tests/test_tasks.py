"""The deadline: the task (and its command) closes the asynchronous consent rounds that are
due, once, and leaves the others alone; the decision taken reaches the participants at once or
in the daily digest they chose."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.core import services as core_services
from maillage.core.models import AuditEvent, EmailDelivery
from maillage.decisions import services
from maillage.decisions.models import Decision, Position, ProcessMode
from maillage.decisions.tasks import close_due_processes
from maillage.decisions.tests.factories import start, to_consent_round
from maillage.decisions.verbs import DecisionVerb


@pytest.fixture
def due(circle):
    """An asynchronous consent round everyone consented to, its deadline an hour away."""
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    for user in (circle.amelie, circle.bruno, circle.chloe):
        services.answer_give(actor=user, process=process, position=Position.CONSENT)
    return process


def later(hours: int = 2) -> str:
    return (timezone.now() + dt.timedelta(hours=hours)).isoformat()


def test_nothing_closes_before_the_deadline(due):
    assert close_due_processes.call() == 0
    due.refresh_from_db()
    assert due.state == "consent_round"


def test_at_the_deadline_all_consents_make_the_decision(due, circle):
    assert close_due_processes.call(later()) == 1
    due.refresh_from_db()
    assert due.state == "consented"
    decision = Decision.objects.get(process=due)
    # Fanny did not answer: the register keeps that too.
    positions = {row["voice"]: row["position"] for row in decision.participation}
    assert (positions["Chloé Roy"], positions["Fanny Bouchard"]) == ("consent", None)
    assert len(positions) == 4
    closed = AuditEvent.objects.get(verb=DecisionVerb.DEADLINE_CLOSED)
    assert (closed.actor, closed.payload["consents"], closed.payload["waiting"]) == (None, 3, 1)
    # Once: a second run closes nothing more.
    assert close_due_processes.call(later(3)) == 0
    assert Decision.objects.count() == 1


def test_at_the_deadline_an_objection_sends_it_to_integration(due, circle):
    services.answer_give(
        actor=circle.fanny, process=due, position=Position.OBJECTION, reason="Trop tôt."
    )
    assert close_due_processes.call(later()) == 1
    due.refresh_from_db()
    assert due.state == "integrating"
    assert not Decision.objects.exists()


def test_a_live_round_is_not_closed_by_the_task(circle):
    process = to_consent_round(
        start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    )
    services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    assert close_due_processes.call(later(100)) == 0
    process.refresh_from_db()
    assert process.state == "consent_round"


def test_the_command_closes_due_rounds_and_says_how_many(due):
    due.deadline = timezone.now() - dt.timedelta(minutes=1)
    due.save(update_fields=["deadline"])
    out = StringIO()
    call_command("close_decisions", stdout=out)
    due.refresh_from_db()
    assert due.state == "consented"
    assert "1" in out.getvalue()


def test_the_command_may_hand_the_work_to_the_worker(due):
    due.deadline = timezone.now() - dt.timedelta(minutes=1)
    due.save(update_fields=["deadline"])
    out = StringIO()
    call_command("close_decisions", "--enqueue", stdout=out)
    # The immediate backend of the tests runs the task at once.
    due.refresh_from_db()
    assert due.state == "consented"
    assert out.getvalue().strip()


def test_participants_are_told_their_answer_is_awaited_then_the_decision(due, circle):
    from maillage.core.models import Notification
    from maillage.decisions.paths import decision_path, process_path

    awaited = Notification.objects.filter(url=process_path(due))
    # Every participant with an account, the substitute included, and nobody else.
    told = {n.recipient for n in awaited}
    assert told == {circle.amelie, circle.bruno, circle.chloe, circle.fanny, circle.nathan}
    assert all(due.title in n.subject for n in awaited)
    close_due_processes.call(later())
    decision = Decision.objects.get(process=due)
    assert Notification.objects.filter(url=decision_path(decision)).count() == 5


def test_a_participant_who_chose_the_digest_gets_the_decision_in_it_but_the_awaited_answer_at_once(
    circle, django_capture_on_commit_callbacks
):
    amelie = circle.amelie
    core_services.notification_preference_set(
        actor=amelie, user=amelie, email_delivery=EmailDelivery.DIGEST, language="fr-ca"
    )
    with django_capture_on_commit_callbacks(execute=True):
        process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    # The e-mail that awaits her answer goes at once.
    [awaited] = [m for m in mail.outbox if m.to == [amelie.email]]
    assert "Votre réponse est attendue" in awaited.subject
    mail.outbox.clear()
    for user in (circle.amelie, circle.bruno):
        services.answer_give(actor=user, process=process, position=Position.CONSENT)
    with django_capture_on_commit_callbacks(execute=True):
        assert close_due_processes.call(later()) == 1
    # The decision taken: Bruno is e-mailed at once, Amélie not until her digest.
    assert any(m.to == [circle.bruno.email] for m in mail.outbox)
    assert not any(m.to == [amelie.email] for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert core_services.digests_send() == 1
    [digest] = mail.outbox
    assert digest.to == [amelie.email] and process.title in digest.body
