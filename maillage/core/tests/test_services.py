import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core import services
from maillage.core.models import AuditEvent, Notification, User
from maillage.core.permissions import reason_for
from maillage.core.roles import Role
from maillage.core.tests.editing import in_parallel
from maillage.core.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_admin_changes_a_role_and_it_is_audited():
    admin = user_with_role(Role.ADMIN)
    user = UserFactory()
    services.user_set_role(actor=admin, user=user, role=Role.MEMBER)
    user.refresh_from_db()
    assert user.role == Role.MEMBER
    event = AuditEvent.objects.get(verb="user.role_changed")
    assert event.actor == admin
    assert event.payload == {"from": "citizen", "to": "member"}
    assert event.target == user


def test_promoting_to_admin_opens_the_admin_site_and_demoting_closes_it():
    admin = user_with_role(Role.ADMIN)
    user = UserFactory()
    services.user_set_role(actor=admin, user=user, role=Role.ADMIN)
    assert user.is_staff and user.is_superuser
    services.user_set_role(actor=admin, user=user, role=Role.STAFF)
    assert not user.is_staff and not user.is_superuser


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.MEMBER, Role.STAFF])
def test_only_administrators_change_roles(role):
    with pytest.raises(PermissionDenied) as refused:
        services.user_set_role(actor=user_with_role(role), user=UserFactory(), role=Role.ADMIN)
    assert str(refused.value) == reason_for("core.change_role")
    assert not AuditEvent.objects.exists()


def test_the_last_administrator_cannot_be_demoted():
    admin = user_with_role(Role.ADMIN)
    with pytest.raises(ValidationError) as error:
        services.user_set_role(actor=admin, user=admin, role=Role.MEMBER)
    assert "role" in error.value.message_dict
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


@pytest.mark.django_db(transaction=True)
def test_two_administrators_demoting_each_other_at_once_leave_one():
    first, second = user_with_role(Role.ADMIN), user_with_role(Role.ADMIN)

    def demote(actor, user):
        return lambda: services.user_set_role(actor=actor, user=user, role=Role.STAFF)

    outcomes = in_parallel(demote(first, second), demote(second, first))

    refused = [o for o in outcomes if isinstance(o, ValidationError | PermissionDenied)]
    assert len(refused) == 1, outcomes
    assert User.objects.filter(role=Role.ADMIN).count() == 1


def test_unknown_role_is_refused():
    with pytest.raises(ValidationError):
        services.user_set_role(actor=user_with_role(Role.ADMIN), user=UserFactory(), role="king")


def test_notify_creates_the_notification_and_emails_it(
    django_capture_on_commit_callbacks, settings
):
    settings.MAILLAGE_BASE_URL = "https://maillage.example.org"
    user = UserFactory(email="marie@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            recipient=user, subject="Nouvelle politique", body="Lisez-la.", url="/x/"
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["marie@example.org"]
    assert "Lisez-la." in mail.outbox[0].body
    # A link that works from a mailbox, and the collective's name, not the server's.
    assert "https://maillage.example.org/x/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "[Collectif IDS-CN] Nouvelle politique"
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_without_email_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipient=UserFactory(), subject="Info", email=False)
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_mark_read_only_by_its_recipient():
    user, other = UserFactory(), UserFactory()
    notification = services.notify(recipient=user, subject="Info", email=False)
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(actor=other, notification=notification)
    services.notification_mark_read(actor=user, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_account_create_opens_a_verified_account_and_is_audited():
    from allauth.account.models import EmailAddress

    admin = user_with_role(Role.ADMIN)
    user = services.account_create(
        actor=admin, email="Nadia@Exemple.org", password="x" * 20, role=Role.MEMBER, verified=True
    )
    assert user.email == "nadia@exemple.org"
    assert user.role == Role.MEMBER
    assert EmailAddress.objects.get(user=user).verified
    assert AuditEvent.objects.get(verb="user.created").actor == admin
    with pytest.raises(ValidationError) as duplicate:
        services.account_create(actor=admin, email="nadia@exemple.org", password=None)
    assert "email" in duplicate.value.message_dict
    with pytest.raises(PermissionDenied):
        services.account_create(actor=user, email="autre@exemple.org", password=None)


@pytest.mark.parametrize(("role", "shown"), [(Role.MEMBER, False), (Role.STAFF, True)])
def test_the_history_is_shown_to_staff_only(role, shown):
    from django.template import Context, Template
    from django.test import RequestFactory

    admin = user_with_role(Role.ADMIN)
    target = UserFactory()
    services.user_set_role(actor=admin, user=target, role=Role.GUEST)
    request = RequestFactory().get("/")
    request.user = user_with_role(role)
    html = Template("{% load maillage %}{% history target %}").render(
        Context({"target": target, "request": request})
    )
    assert ("rôle modifié" in html or "role changed" in html) is shown
