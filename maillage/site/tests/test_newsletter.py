"""The newsletter: written and sent by the staff, one e-mail per account that consents to it
at the moment of sending."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Purpose
from maillage.privacy.services.consents import consent_set
from maillage.site.models import Newsletter
from maillage.site.services import newsletter_create, newsletter_send

pytestmark = pytest.mark.django_db


def _subscribe(account, given=True):
    consent_set(actor=account, account=account, purpose=Purpose.NEWSLETTER, given=given)


def test_only_consenting_active_accounts_receive_it(django_capture_on_commit_callbacks):
    staff = user_with_role(Role.STAFF)
    reader, former, inactive = (user_with_role(Role.CITIZEN) for _ in range(3))
    user_with_role(Role.MEMBER)  # never answered: not a recipient
    for account in (reader, former, inactive):
        _subscribe(account)
    inactive.is_active = False
    inactive.save()
    _subscribe(former, given=False)  # withdrawn: honoured at once
    newsletter = newsletter_create(actor=staff, subject="Nouvelles", body="Bonjour.")
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(actor=staff, newsletter=newsletter)
    assert [message.to for message in mail.outbox] == [[reader.email]]
    # It says how to stop receiving it.
    assert mail.outbox[0].body.startswith("Bonjour.")
    assert "/confidentialite/mes-consentements/" in mail.outbox[0].body
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None and newsletter.recipient_count == 1


def test_a_withdrawal_takes_the_account_out_of_the_next_sending(
    django_capture_on_commit_callbacks,
):
    staff = user_with_role(Role.STAFF)
    reader = user_with_role(Role.CITIZEN)
    _subscribe(reader)
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(
            actor=staff, newsletter=newsletter_create(actor=staff, subject="Un", body="1")
        )
    assert len(mail.outbox) == 1
    _subscribe(reader, given=False)
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_send(
            actor=staff, newsletter=newsletter_create(actor=staff, subject="Deux", body="2")
        )
    assert len(mail.outbox) == 1
    assert Newsletter.objects.get(subject="Deux").recipient_count == 0


def test_the_staff_write_and_send_from_the_page(client, django_capture_on_commit_callbacks):
    staff = user_with_role(Role.STAFF)
    reader = user_with_role(Role.CITIZEN)
    _subscribe(reader)
    client.force_login(staff)
    url = reverse("site:newsletter_list")
    assert client.post(url, {"subject": "", "body": "x"}).status_code == 400
    assert client.post(url, {"subject": "Automne", "body": "Nos nouvelles."}).status_code == 302
    newsletter = Newsletter.objects.get()
    send = reverse("site:newsletter_send", kwargs={"pk": newsletter.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(send).status_code == 302
    assert mail.outbox[0].subject.endswith("Automne")
    again = client.post(send, follow=True)  # sent once only
    assert "déjà" in again.content.decode()
    assert len(mail.outbox) == 1


def test_the_list_reads_in_a_fixed_number_of_queries(client, query_budget):
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    meter = query_budget(25)
    newsletter_create(actor=staff, subject="Une", body="1")
    few = meter.get(client, reverse("site:newsletter_list"))
    for n in range(30):
        newsletter_create(actor=staff, subject=f"Numéro {n}", body=str(n))
    assert meter.get(client, reverse("site:newsletter_list")) == few
