"""Notification e-mails as they happen or in a daily digest: the account's choice, saved on its
settings page and audited; a digest gathers what is new once, in the person's language; an
e-mail that awaits an answer is always sent at once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core import services
from maillage.core.models import AuditEvent, EmailDelivery, Notification, NotificationPreference
from maillage.core.roles import Role
from maillage.core.services import AwaitedAnswer
from maillage.core.tasks import send_digests
from maillage.core.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

URL = "/notifications/preferences/"


def choose(user, delivery=EmailDelivery.DIGEST, language="fr-ca"):
    return services.notification_preference_set(
        actor=user, user=user, email_delivery=delivery, language=language
    )


def told(user, subject, commit, **extra):
    with commit(execute=True):  # the e-mail goes once the transaction commits
        return services.notify(recipient=user, subject=subject, url="/decisions/1/", **extra)


def test_the_preference_is_saved_on_the_settings_page_and_audited():
    user = user_with_role(Role.MEMBER)
    client = Client()
    client.force_login(user)
    assert reverse("core:notification_preferences") == URL
    page = client.get(URL)
    assert page.status_code == 200
    assert "Dans un résumé quotidien" in page.text
    response = client.post(URL, {"email_delivery": "digest", "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=user)
    assert (preference.email_delivery, preference.language) == ("digest", "en")
    event = AuditEvent.objects.get(verb="notification_preference.changed")
    assert (event.actor, event.target) == (user, user)
    assert event.payload["after"] == {"email_delivery": "digest", "language": "en"}
    # Saved again unchanged: nothing more in the history.
    client.post(URL, {"email_delivery": "digest", "language": "en"})
    assert AuditEvent.objects.filter(verb="notification_preference.changed").count() == 1


def test_a_bad_choice_is_refused_at_its_field_keeping_the_rest():
    user = user_with_role(Role.MEMBER)
    client = Client()
    client.force_login(user)
    response = client.post(URL, {"email_delivery": "hourly", "language": "en"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"email_delivery"}
    assert response.context["form"]["language"].value() == "en"
    assert not NotificationPreference.objects.exists()


def test_only_the_owner_chooses():
    user, other = user_with_role(Role.MEMBER), user_with_role(Role.STAFF)
    with pytest.raises(PermissionDenied):
        services.notification_preference_set(
            actor=other, user=user, email_delivery="digest", language="fr-ca"
        )
    with pytest.raises(ValidationError) as refused:
        choose(user, language="de")
    assert "language" in refused.value.error_dict


def test_as_they_happen_by_default(django_capture_on_commit_callbacks):
    user = user_with_role(Role.MEMBER)
    told(user, "Décision prise", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_with_the_digest_chosen_no_e_mail_goes_at_once(django_capture_on_commit_callbacks):
    user = user_with_role(Role.MEMBER)
    choose(user)
    notification = told(user, "Décision prise", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    notification.refresh_from_db()
    # Still listed on the platform, kept for the digest.
    assert notification.in_digest and notification.emailed_at is None


def test_an_e_mail_awaiting_an_answer_is_sent_at_once_even_with_the_digest(
    django_capture_on_commit_callbacks,
):
    user = user_with_role(Role.MEMBER)
    choose(user)
    awaited = told(
        user,
        "Votre réponse est attendue",
        django_capture_on_commit_callbacks,
        answer=AwaitedAnswer(purpose="consent", object_id=1),
    )
    [sent] = mail.outbox
    assert sent.to == [user.email] and "Votre réponse est attendue" in sent.subject
    awaited.refresh_from_db()
    assert not awaited.in_digest and awaited.emailed_at is not None
    mail.outbox.clear()
    assert services.digests_send() == 0
    assert mail.outbox == []


def test_the_digest_gathers_sends_once_and_marks_sent(django_capture_on_commit_callbacks):
    user = user_with_role(Role.MEMBER)
    choose(user)
    immediate = user_with_role(Role.MEMBER)
    first = told(user, "Décision prise : charte", django_capture_on_commit_callbacks)
    second = told(user, "Nouvelle rencontre", django_capture_on_commit_callbacks)
    told(immediate, "Décision prise : charte", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert services.digests_send() == 1
    [digest] = mail.outbox
    assert digest.to == [user.email]
    assert "Votre résumé quotidien : 2 notifications" in digest.subject
    assert "Décision prise : charte" in digest.body and "Nouvelle rencontre" in digest.body
    assert "/decisions/1/" in digest.body and URL in digest.body
    for notification in (first, second):
        notification.refresh_from_db()
        assert notification.emailed_at is not None
    # Not resent: nothing new, nothing sent.
    mail.outbox.clear()
    assert services.digests_send() == 0
    assert mail.outbox == []
    # Something new: the next digest holds it alone.
    told(user, "Rappel", django_capture_on_commit_callbacks)
    assert services.digests_send() == 1
    [digest] = mail.outbox
    assert "1 notification" in digest.subject and "Nouvelle rencontre" not in digest.body


def test_the_digest_is_in_the_persons_language(django_capture_on_commit_callbacks):
    user = user_with_role(Role.MEMBER)
    choose(user, language="en")
    told(user, "Décision prise", django_capture_on_commit_callbacks)
    assert services.digests_send() == 1
    [digest] = mail.outbox
    assert "Your daily digest: 1 notification" in digest.subject
    assert "/en/notifications/preferences/" in digest.body


def test_nothing_is_sent_when_there_is_nothing_new():
    user_with_role(Role.MEMBER)
    assert services.digests_send() == 0
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_command_and_the_task_send_the_digests(django_capture_on_commit_callbacks):
    user = user_with_role(Role.MEMBER)
    choose(user)
    told(user, "Décision prise", django_capture_on_commit_callbacks)
    # The task with a time before the notification: not yet.
    assert send_digests.call((timezone.now() - dt.timedelta(hours=1)).isoformat()) == 0
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "1" in out.getvalue()
    assert len(mail.outbox) == 1
    assert send_digests.call() == 0
