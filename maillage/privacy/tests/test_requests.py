"""Requests: asked by the person, handled by the person in charge, administrators and staff
along the workflow, the requester told at each step, the handlers reminded of the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent, Notification
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Officer, Request, RequestKind
from maillage.privacy.services.requests import (
    request_create,
    request_transition,
    requests_remind_due,
)
from maillage.privacy.tests.factories import RequestFactory
from maillage.privacy.verbs import AnonymizationVerb, RequestVerb

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return user_with_role(Role.CITIZEN, first_name="Rosalie", last_name="Bérubé")


def test_a_request_is_due_thirty_days_after_receipt_and_tells_the_handlers(citizen, staff):
    item = request_create(actor=citizen, kind=RequestKind.ACCESS, message="Tout, svp.")
    assert item.status == "received"
    assert item.due_at - item.received_at == timedelta(days=30)
    assert AuditEvent.objects.filter(verb=RequestVerb.CREATED, actor=citizen).exists()
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert Notification.objects.filter(recipient=staff, url__contains=str(item.pk)).exists()


def test_texts_are_removed_only_by_a_deletion(citizen):
    with pytest.raises(ValidationError) as error:
        request_create(actor=citizen, kind=RequestKind.ACCESS, remove_texts=True)
    assert "remove_texts" in error.value.message_dict


def test_the_form_asks_for_deletion_and_keeps_the_choice_about_texts(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("privacy:request_create"),
        {"kind": RequestKind.DELETION, "message": "", "remove_texts": "on"},
    )
    item = Request.objects.get(account=citizen)
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:request_detail", kwargs={"pk": item.pk})
    assert item.kind == RequestKind.DELETION and item.remove_texts


def test_a_bad_form_answers_at_its_field(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("privacy:request_create"), {"kind": "everything"})
    assert response.status_code == 400
    assert not Request.objects.exists()


def test_staff_move_a_request_along_and_the_requester_is_told(citizen, staff):
    item = RequestFactory(account=citizen)
    request_transition(actor=staff, request=item, transition="start")
    item.refresh_from_db()
    assert item.status == "in_progress" and item.handled_by == staff
    request_transition(actor=staff, request=item, transition="complete")
    item.refresh_from_db()
    assert item.status == "completed" and item.completed_at is not None
    assert Notification.objects.filter(recipient=citizen).count() == 2


def test_a_refusal_needs_its_reason_which_the_requester_reads(citizen, staff):
    item = RequestFactory(account=citizen)
    with pytest.raises(ValidationError):
        request_transition(actor=staff, request=item, transition="refuse", reason=" ")
    request_transition(actor=staff, request=item, transition="refuse", reason="Art. 30.")
    item.refresh_from_db()
    assert item.status == "refused" and item.refusal_reason == "Art. 30."
    assert "Art. 30." in Notification.objects.filter(recipient=citizen).latest("pk").body


def test_a_closed_request_moves_no_more(citizen, staff):
    item = RequestFactory(account=citizen, status="completed")
    with pytest.raises(ValidationError):
        request_transition(actor=staff, request=item, transition="start")


def test_a_member_may_not_handle_nor_staff_complete_a_deletion(citizen, staff):
    member = user_with_role(Role.MEMBER)
    item = RequestFactory(account=citizen, kind=RequestKind.DELETION)
    with pytest.raises(PermissionDenied):
        request_transition(actor=member, request=item, transition="start")
    with pytest.raises(PermissionDenied):
        request_transition(actor=staff, request=item, transition="complete")
    item.refresh_from_db()
    assert item.status == "received"


def test_the_person_in_charge_completes_a_deletion_which_anonymizes(
    citizen, django_capture_on_commit_callbacks
):
    officer = user_with_role(Role.MEMBER)
    Officer.objects.create(account=officer, title="Responsable", contact_email="rp@example.org")
    item = RequestFactory(account=citizen, kind=RequestKind.DELETION, remove_texts=True)
    address = citizen.email
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(actor=officer, request=item, transition="complete")
    citizen.refresh_from_db()
    assert citizen.first_name == "Personne anonymisée" and not citizen.is_active
    event = AuditEvent.objects.get(verb=AnonymizationVerb.ANONYMIZED)
    assert event.payload["remove_texts"] is True
    # The last word went to the address the person had, which nothing keeps.
    assert [m.to for m in mail.outbox if "supprim" in m.subject] == [[address]]


def test_the_queue_shows_the_days_left_and_says_late_in_words(client, staff, citizen):
    now = timezone.now()
    RequestFactory(
        account=citizen, received_at=now - timedelta(days=35), due_at=now - timedelta(days=5)
    )
    RequestFactory(account=citizen, received_at=now, due_at=now + timedelta(days=30))
    client.force_login(staff)
    text = client.get(reverse("privacy:request_list")).content.decode()
    assert "En retard de 5 jours" in text
    assert "30 jours restants" in text


def test_the_queue_queries_do_not_grow_with_the_requests(client, staff, query_budget):
    meter = query_budget(30)
    RequestFactory()
    client.force_login(staff)
    few = meter.get(client, reverse("privacy:request_list"))
    RequestFactory.create_batch(15)
    many = meter.get(client, reverse("privacy:request_list"))
    assert few == many


def test_the_requester_reads_their_request_but_not_anothers(client, citizen):
    mine = RequestFactory(account=citizen)
    other = RequestFactory()
    client.force_login(citizen)
    assert client.get(reverse("privacy:request_detail", kwargs={"pk": mine.pk})).status_code == 200
    assert client.get(reverse("privacy:request_detail", kwargs={"pk": other.pk})).status_code == 403
    assert client.get(reverse("privacy:request_detail", kwargs={"pk": 99999})).status_code == 404


def test_a_transition_by_post_and_a_refusal_without_reason_stays(client, staff, citizen):
    item = RequestFactory(account=citizen)
    client.force_login(staff)
    url = reverse("privacy:request_transition", kwargs={"pk": item.pk, "transition": "refuse"})
    assert client.post(url, {"reason": ""}).status_code == 302
    item.refresh_from_db()
    assert item.status == "received"
    start = reverse("privacy:request_transition", kwargs={"pk": item.pk, "transition": "start"})
    client.post(start)
    item.refresh_from_db()
    assert item.status == "in_progress"
    unknown = reverse("privacy:request_transition", kwargs={"pk": item.pk, "transition": "nope"})
    assert client.post(unknown).status_code == 302


def test_the_handlers_are_reminded_of_the_requests_due_within_seven_days_once_a_day(staff):
    now = timezone.now()
    soon = RequestFactory(received_at=now - timedelta(days=25), due_at=now + timedelta(days=5))
    late = RequestFactory(received_at=now - timedelta(days=31), due_at=now - timedelta(days=1))
    RequestFactory(received_at=now, due_at=now + timedelta(days=30))  # not yet
    RequestFactory(due_at=now - timedelta(days=3), status="completed")  # answered
    assert requests_remind_due(actor=SYSTEM, now=now) == 2
    reminded = Notification.objects.filter(recipient=staff)
    assert {n.url for n in reminded} == {
        reverse("privacy:request_detail", kwargs={"pk": pk}) for pk in (soon.pk, late.pk)
    }
    assert any("retard" in n.subject for n in reminded)
    assert requests_remind_due(actor=SYSTEM, now=now) == 0  # once a day
    assert requests_remind_due(actor=SYSTEM, now=now + timedelta(days=1)) == 2


def test_the_daily_command_reminds(staff, capsys):
    now = timezone.now()
    RequestFactory(received_at=now - timedelta(days=25), due_at=now + timedelta(days=2))
    call_command("privacy_reminders")
    assert "1" in capsys.readouterr().out
    assert Notification.objects.filter(recipient=staff).count() == 1
