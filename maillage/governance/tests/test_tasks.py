import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from maillage.core.models import Notification
from maillage.core.roles import Role as PlatformRole
from maillage.governance import services
from maillage.governance.models import Reminder, RoleKind
from maillage.governance.services import SYSTEM, CircleData, PolicyData, WorkstreamData
from maillage.governance.tasks import send_governance_reminders
from maillage.governance.tests.factories import (
    PersonFactory,
    days,
    general_circle,
    user_with_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """A circle with a lead and a secretary, an elected facilitator whose term ends in 10 days,
    a policy to review in 12 days, a workstream whose sunset is in 13 days, a policy to review
    in 20 days."""
    general_circle()
    circle = services.circle_create(
        actor=SYSTEM, data=CircleData(name="Habitation", parent=general_circle())
    )
    lead, secretary, facilitator, ws_lead = (user_with_person(PlatformRole.MEMBER) for _ in "1234")

    def give(kind, user, **kwargs):
        role = circle.roles.get(kind=kind)
        return services.role_assign(actor=SYSTEM, role=role, person=user.person, **kwargs)

    give(RoleKind.LEAD, lead)
    give(RoleKind.SECRETARY, secretary)
    give(RoleKind.FACILITATOR, facilitator, term_end=days(10))
    policy = services.policy_adopt(
        actor=SYSTEM,
        circle=circle,
        data=PolicyData(title="Principes", text="…", review_date=days(12), adopted_on=days(-30)),
    )
    services.policy_adopt(
        actor=SYSTEM,
        circle=circle,
        data=PolicyData(title="Plus tard", text="…", review_date=days(20), adopted_on=days(-30)),
    )
    workstream = services.workstream_create(
        actor=SYSTEM,
        data=WorkstreamData(
            name="Transport collectif rural", sponsors=[circle], sunset_date=days(13)
        ),
    )
    services.role_assign(
        actor=SYSTEM, role=workstream.roles.get(kind=RoleKind.LEAD), person=ws_lead.person
    )
    # Only reminders count below: the holders were told of their roles as they got them.
    assert Notification.objects.filter(subject__contains="rôle").count() == 4
    Notification.objects.all().delete()
    return {
        "lead": lead,
        "secretary": secretary,
        "facilitator": facilitator,
        "ws_lead": ws_lead,
        "policy": policy,
    }


def subjects(user):
    return sorted(n.subject for n in Notification.objects.filter(recipient=user))


def test_each_event_is_reminded_once_to_the_people_concerned(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_governance_reminders.call() == 5
    [subject] = subjects(people["facilitator"])
    assert subject.startswith("Fin de mandat le ")
    assert str(people["facilitator"].person) in subject
    # Policy review: the circle's lead link and secretary; sunset: the workstream's lead link and
    # the sponsoring circle's lead link.
    assert len(subjects(people["secretary"])) == 1
    assert len(subjects(people["lead"])) == 2
    assert len(subjects(people["ws_lead"])) == 1
    assert Reminder.objects.count() == 5
    assert len(mail.outbox) == 5

    # A second run, the same day or the next, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_governance_reminders.call() == 0
        assert send_governance_reminders.call(days(1).isoformat()) == 0
    assert Notification.objects.count() == 5 and len(mail.outbox) == 5


def test_the_window_is_configurable(people, settings):
    settings.MAILLAGE_REMINDER_DAYS = 5
    assert send_governance_reminders.call() == 0
    settings.MAILLAGE_REMINDER_DAYS = 30
    assert send_governance_reminders.call() == 7  # the later policy too (lead and secretary)


def test_a_postponed_review_is_reminded_again_for_its_new_date(people):
    send_governance_reminders.call()
    services.policy_set_status(
        actor=SYSTEM, policy=people["policy"], status="active", review_date=days(14)
    )
    assert send_governance_reminders.call() == 2
    assert send_governance_reminders.call() == 0


def test_people_without_an_account_are_reported_not_notified(people):
    circle = people["policy"].circle
    role = circle.roles.get(kind=RoleKind.DELEGATE)
    services.role_assign(
        actor=SYSTEM, role=role, person=PersonFactory(first_name="Sans"), term_end=days(3)
    )
    report = services.reminders_send(actor=SYSTEM)
    assert report.sent == 5 and any(
        name.startswith("Sans") for name in report.skipped_without_account
    )


def test_the_daily_command_sends_then_sends_nothing(people):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "5" in out.getvalue()
    out = io.StringIO()
    call_command("send_reminders", "--enqueue", stdout=out)
    assert Reminder.objects.count() == 5
    call_command("send_reminders", "--date", days(-30).isoformat(), stdout=io.StringIO())
    assert Reminder.objects.count() == 5


def test_the_invitation_e_mail_is_sent_by_a_task_that_never_holds_the_token(
    staff, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from maillage.governance import tasks
    from maillage.governance.tests.factories import WorkstreamFactory

    # The production queue: a database table that keeps each task's arguments.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invitation_create(
            actor=staff,
            workstream=WorkstreamFactory(),
            email="invitee@example.org",
            base_url="https://maillage.example.org",
        )
    [queued] = DBTaskResult.objects.filter(
        task_path="maillage.governance.tasks.send_invitation_email"
    )
    assert queued.args_kwargs["args"] == [sent.invitation.pk, "https://maillage.example.org"]
    assert sent.token not in repr(queued.args_kwargs)
    assert mail.outbox == []
    assert tasks.send_invitation_email.call(*queued.args_kwargs["args"]) is True
    [message] = mail.outbox
    assert sent.accept_url in message.body


def test_a_withdrawn_invitation_or_a_new_secret_key_sends_nothing(staff, settings):
    from maillage.governance import tasks
    from maillage.governance.tests.factories import WorkstreamFactory

    workstream = WorkstreamFactory()
    first = services.invitation_create(actor=staff, workstream=workstream, email="a@example.org")
    second = services.invitation_create(actor=staff, workstream=workstream, email="b@example.org")
    mail.outbox.clear()
    services.invitation_revoke(actor=staff, invitation=first.invitation)
    assert tasks.send_invitation_email.call(first.invitation.pk) is False
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert tasks.send_invitation_email.call(second.invitation.pk) is False
    assert mail.outbox == []


def test_an_expired_invitation_is_not_mailed_and_the_mail_never_shows_the_inviters_address(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    from maillage.core.tests.factories import UserFactory
    from maillage.governance import tasks
    from maillage.governance.tests.factories import WorkstreamFactory

    inviter = UserFactory(role=PlatformRole.STAFF, first_name="", last_name="")
    workstream = WorkstreamFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invitation_create(
            actor=inviter, workstream=workstream, email="a@example.org"
        )
    [message] = mail.outbox
    assert inviter.email not in message.body
    mail.outbox.clear()
    type(sent.invitation).objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert tasks.send_invitation_email.call(sent.invitation.pk) is False
    assert mail.outbox == []
