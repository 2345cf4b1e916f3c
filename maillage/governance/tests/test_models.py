import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.core.tests.checks import assert_seeded
from maillage.governance.models import (
    Circle,
    Invitation,
    Membership,
    MembershipSource,
    Reminder,
    Role,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
    general_circle,
)

pytestmark = pytest.mark.django_db


def fails(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


def test_the_four_strategies_are_seeded_in_both_languages():
    assert_seeded(
        Strategy,
        [
            "concertation-intersectorielle",
            "action-communautaire",
            "developpement-des-communautes",
            "action-sociale-influence-citoyenne",
        ],
    )
    assert all(s.description_fr for s in Strategy.objects.all())


def test_there_is_at_most_one_general_circle():
    general_circle()
    with fails(), transaction.atomic():
        Circle.objects.create(name="Autre sommet", slug="autre-sommet")
    CircleFactory()  # sub-circles are fine


def test_the_general_circle_cannot_be_archived():
    circle = general_circle()
    circle.archived_at = timezone.now()
    with fails(), transaction.atomic():
        circle.save()


def test_a_role_belongs_to_a_circle_or_a_workstream_never_both_nor_neither():
    circle, workstream = CircleFactory(), WorkstreamFactory()
    with fails(), transaction.atomic():
        Role.objects.create(circle=circle, workstream=workstream, name="Les deux")
    with fails(), transaction.atomic():
        Role.objects.create(name="Aucun")
    Role.objects.create(workstream=workstream, name="Chantier seulement")


def test_only_a_circle_has_a_delegate_and_elected_roles_have_a_term():
    with fails(), transaction.atomic():
        Role.objects.create(workstream=WorkstreamFactory(), name="Délégué", kind=RoleKind.DELEGATE)
    with fails(), transaction.atomic():
        Role.objects.create(circle=CircleFactory(), name="Élu", elected=True)


def test_one_built_in_role_of_each_kind_per_circle_while_custom_roles_repeat():
    circle = CircleFactory()
    lead = RoleFactory(circle=circle, kind=RoleKind.LEAD)
    with fails(), transaction.atomic():
        RoleFactory(circle=circle, kind=RoleKind.LEAD)
    RoleFactory(circle=circle), RoleFactory(circle=circle)
    lead.archived_at = timezone.now()
    lead.save()
    RoleFactory(circle=circle, kind=RoleKind.LEAD)  # an archived lead role frees the kind


def test_a_person_holds_a_role_once_at_a_time():
    assignment = RoleAssignmentFactory()
    with fails(), transaction.atomic():
        RoleAssignmentFactory(role=assignment.role, person=assignment.person)
    assignment.ended_at = timezone.now()
    assignment.save()
    RoleAssignmentFactory(role=assignment.role, person=assignment.person)


def test_membership_invariants():
    person, circle, workstream = PersonFactory(), CircleFactory(), WorkstreamFactory()
    with fails(), transaction.atomic():
        Membership.objects.create(person=person, circle=circle, workstream=workstream)
    with fails(), transaction.atomic():
        Membership.objects.create(person=person, circle=circle, kind="guest")
    with fails(), transaction.atomic():
        Membership.objects.create(person=person, circle=circle, source=MembershipSource.LINK)
    with fails(), transaction.atomic():
        Membership.objects.create(person=person, circle=circle, ended_at=timezone.now())
    MembershipFactory(person=person, circle=circle)
    with fails(), transaction.atomic():
        MembershipFactory(person=person, circle=circle)
    Membership.objects.create(person=person, workstream=workstream, kind="guest")


def test_workstream_status_and_dates():
    with fails(), transaction.atomic():
        WorkstreamFactory(status="dormant")
    with fails(), transaction.atomic():
        WorkstreamFactory(start_date=dt.date(2025, 5, 1), sunset_date=dt.date(2025, 4, 1))


def test_a_running_workstream_past_its_sunset_is_flagged():
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert WorkstreamFactory(sunset_date=yesterday).past_sunset
    assert not WorkstreamFactory(sunset_date=yesterday, status="completed").past_sunset
    assert not WorkstreamFactory(sunset_date=timezone.localdate()).past_sunset
    assert isinstance(Workstream.objects.first(), Workstream)


def test_an_invitation_is_not_both_accepted_and_revoked():
    now = timezone.now()
    with fails(), transaction.atomic():
        Invitation.objects.create(
            workstream=WorkstreamFactory(),
            email="a@example.org",
            token_hash="x" * 64,
            expires_at=now,
            accepted_at=now,
            revoked_at=now,
        )


def test_a_reminder_is_recorded_once_per_event_and_recipient(staff):
    fields = {"kind": "term_end", "object_id": 1, "event_date": dt.date(2030, 1, 1)}
    Reminder.objects.create(recipient=staff, **fields)
    with fails(), transaction.atomic():
        Reminder.objects.create(recipient=staff, **fields)
