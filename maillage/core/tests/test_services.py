import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core import services
from maillage.core.actors import SYSTEM
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


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.GUEST, Role.MEMBER])
def test_only_staff_and_administrators_change_roles(role):
    with pytest.raises(PermissionDenied) as refused:
        services.user_set_role(actor=user_with_role(role), user=UserFactory(), role=Role.MEMBER)
    assert str(refused.value) == reason_for("core.change_role")
    assert not AuditEvent.objects.exists()


def test_staff_give_roles_below_theirs_to_accounts_below_theirs():
    staff = user_with_role(Role.STAFF)
    citizen = UserFactory()
    services.user_set_role(actor=staff, user=citizen, role=Role.MEMBER, reason="Siège au forum")
    assert User.objects.get(pk=citizen.pk).role == Role.MEMBER
    event = AuditEvent.objects.get(verb="user.role_changed")
    assert event.payload == {"from": "citizen", "to": "member", "reason": "Siège au forum"}
    for role in (Role.STAFF, Role.ADMIN):
        with pytest.raises(PermissionDenied) as refused:
            services.user_set_role(actor=staff, user=citizen, role=role)
        assert str(refused.value) == reason_for("core.grant_role")
    colleague = user_with_role(Role.STAFF)
    with pytest.raises(PermissionDenied) as refused:
        services.user_set_role(actor=staff, user=colleague, role=Role.MEMBER)
    assert str(refused.value) == reason_for("core.change_role")
    assert User.objects.get(pk=colleague.pk).role == Role.STAFF


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


def test_the_kept_history_shows_each_new_event_and_stays_with_those_who_may_read_it():
    from django.template import Context, Template
    from django.test import RequestFactory

    admin = user_with_role(Role.ADMIN)
    target = UserFactory()

    def shown_to(role: str) -> str:
        request = RequestFactory().get("/")
        request.user = user_with_role(role)
        return Template("{% load maillage %}{% history target %}").render(
            Context({"target": target, "request": request})
        )

    services.user_set_role(actor=admin, user=target, role=Role.GUEST)
    first = shown_to(Role.STAFF)
    assert first.count("<li>") == 1
    assert shown_to(Role.STAFF) == first  # kept
    services.user_set_active(actor=admin, user=target, active=False, reason="Départ")
    assert shown_to(Role.STAFF).count("<li>") == 2  # the new event shows at once
    assert "<li>" not in shown_to(Role.MEMBER)


def test_staff_deactivate_and_reactivate_an_account_with_its_reason():
    staff = user_with_role(Role.STAFF)
    member = user_with_role(Role.MEMBER)
    services.user_set_active(actor=staff, user=member, active=False, reason="Départ")
    assert not User.objects.get(pk=member.pk).is_active
    services.user_set_active(actor=staff, user=member, active=True)
    assert User.objects.get(pk=member.pk).is_active
    events = AuditEvent.objects.filter(target_id=member.pk).order_by("pk")
    assert [(e.verb, e.payload) for e in events] == [
        ("user.deactivated", {"reason": "Départ"}),
        ("user.reactivated", {}),
    ]


def test_nobody_deactivates_their_own_account_nor_the_last_administrator():
    admin = user_with_role(Role.ADMIN)
    with pytest.raises(ValidationError) as own:
        services.user_set_active(actor=admin, user=admin, active=False)
    assert own.value.messages == ["Vous ne pouvez pas désactiver votre propre compte."]
    with pytest.raises(ValidationError) as last:
        services.user_set_active(actor=SYSTEM, user=admin, active=False)
    assert "dernière personne administratrice" in last.value.messages[0]
    assert User.objects.get(pk=admin.pk).is_active
    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=user_with_role(Role.STAFF), user=admin, active=False)


def test_the_access_form_changes_role_and_state_at_once_and_needs_a_reason():
    staff = user_with_role(Role.STAFF)
    citizen = UserFactory()
    with pytest.raises(ValidationError) as no_reason:
        services.account_update_access(
            actor=staff, user=citizen, role=Role.MEMBER, active=True, reason="  "
        )
    assert "reason" in no_reason.value.message_dict
    change = services.account_update_access(
        actor=staff, user=citizen, role=Role.GUEST, active=False, reason="Fin du chantier"
    )
    assert change and change.role and change.active
    citizen.refresh_from_db()
    assert (citizen.role, citizen.is_active) == (Role.GUEST, False)
    again = services.account_update_access(
        actor=staff, user=citizen, role=Role.GUEST, active=False, reason="Rien"
    )
    assert not again
    assert AuditEvent.objects.filter(target_id=citizen.pk).count() == 2


def test_the_access_form_refuses_a_stale_version():
    from maillage.core.versions import StaleVersion, version_of

    staff = user_with_role(Role.STAFF)
    citizen = UserFactory()
    opened = version_of(citizen)
    services.user_set_role(actor=staff, user=citizen, role=Role.MEMBER)
    with pytest.raises(StaleVersion):
        services.account_update_access(
            actor=staff,
            user=citizen,
            role=Role.CITIZEN,
            active=True,
            reason="Erreur",
            version=opened,
        )
    assert User.objects.get(pk=citizen.pk).role == Role.MEMBER
