# Factories return model instances; mypy sees the factory classes.
# mypy: disable-error-code="comparison-overlap,list-item"
import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.core.audit import verb_label
from maillage.core.models import AuditEvent, Notification
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import UserFactory, user_with_role
from maillage.core.tokens import hash_token
from maillage.governance import selectors, services
from maillage.governance.models import (
    Accountability,
    Circle,
    EndReason,
    Invitation,
    Membership,
    MembershipSource,
    Policy,
    PolicyStatus,
    Role,
    RoleAssignment,
    RoleKind,
    Workstream,
)
from maillage.governance.selectors import link_inconsistencies
from maillage.governance.services import (
    SYSTEM,
    CircleData,
    DeliverableData,
    PolicyData,
    RoleData,
    WorkstreamData,
)
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    PersonFactory,
    SeatFactory,
    WorkstreamFactory,
    strategy,
    user_with_person,
)
from maillage.network.models import Person

pytestmark = pytest.mark.django_db


def verbs(target=None):
    events = AuditEvent.objects.order_by("id")
    if target is not None:
        events = [e for e in events if e.target == target]
    return [e.verb for e in events]


def role_of(group, kind):
    filters = {"circle": group} if isinstance(group, Circle) else {"workstream": group}
    return Role.objects.get(kind=kind, archived_at__isnull=True, **filters)


def links(person):
    return list(
        Membership.objects.filter(
            person=person, source=MembershipSource.LINK, ended_at__isnull=True
        )
    )


# Circles


def test_staff_create_the_general_circle_then_sub_circles_with_built_in_roles(staff):
    general = services.circle_create(
        actor=staff,
        data=CircleData(
            name="Cercle général",
            purpose="Porter la vision du collectif.",
            accountabilities=["Adopter le plan de travail", "Coordonner les cercles"],
            strategies=[strategy("concertation-intersectorielle")],
            levels=["regional"],
        ),
    )
    assert general.is_general and general.slug == "cercle-general"
    assert sorted(general.roles.values_list("kind", flat=True)) == [
        "facilitator",
        "lead",
        "secretary",
    ]
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    kinds = dict(food.roles.values_list("kind", "elected"))
    assert kinds == {"lead": False, "delegate": True, "facilitator": True, "secretary": True}
    lead, secretary = role_of(food, RoleKind.LEAD), role_of(food, RoleKind.SECRETARY)
    assert lead.may_amend_policies and secretary.may_amend_policies
    assert not role_of(food, RoleKind.FACILITATOR).may_amend_policies
    assert lead.name == "Premier lien"  # stored in the default language
    created = AuditEvent.objects.get(verb="circle.created", target_id=str(general.pk))
    assert created.actor == staff and created.payload["strategies"] == [
        "concertation-intersectorielle"
    ]
    added = AuditEvent.objects.filter(verb="circle.accountability_added", target_id=general.pk)
    assert [e.payload["text"] for e in added.order_by("id")] == [
        "Adopter le plan de travail",
        "Coordonner les cercles",
    ]
    assert verb_label("circle.accountability_added") == "redevabilité ajoutée"


def test_a_second_general_circle_is_refused(staff, general):
    with pytest.raises(ValidationError) as error:
        services.circle_create(actor=staff, data=CircleData(name="Autre sommet"))
    assert "parent" in error.value.message_dict


def test_partner_members_cannot_create_circles_and_nothing_is_recorded(member, general):
    with pytest.raises(PermissionDenied) as refused:
        services.circle_create(actor=member, data=CircleData(name="X", parent=general))
    assert "personnel de coordination" in str(refused.value)
    assert not AuditEvent.objects.filter(verb="circle.created").exists()


def test_amending_a_circle_records_what_changed_and_each_accountability(staff, general):
    circle = services.circle_create(
        actor=staff,
        data=CircleData(name="Habitation", parent=general, accountabilities=["A", "B"]),
    )
    data = services.circle_data_of(circle)
    data.purpose = "Un toit pour toutes et tous."
    data.accountabilities = ["B", "C"]
    data.domains = ["Logement social"]
    services.circle_amend(actor=staff, circle=circle, data=data)
    amended = AuditEvent.objects.get(verb="circle.amended")
    assert amended.payload["purpose"] == ["", "Un toit pour toutes et tous."]
    assert amended.payload["domains"] == [[], ["Logement social"]]
    assert list(circle.accountabilities.values_list("text", flat=True)) == ["B", "C"]
    assert verbs(circle)[-3:] == [
        "circle.amended",
        "circle.accountability_removed",
        "circle.accountability_added",
    ]
    assert circle.slug == "habitation"


def test_a_circle_cannot_be_moved_under_itself_or_its_sub_circles(staff, general):
    parent = CircleFactory()
    child = CircleFactory(parent=parent)
    data = services.circle_data_of(parent)
    data.parent = child
    with pytest.raises(ValidationError):
        services.circle_amend(actor=staff, circle=parent, data=data)
    data = services.circle_data_of(general)
    data.parent = parent
    with pytest.raises(ValidationError):
        services.circle_amend(actor=staff, circle=general, data=data)


def test_archiving_a_circle_ends_its_roles_and_memberships_but_keeps_them(staff, general):
    circle = services.circle_create(actor=staff, data=CircleData(name="Habitation", parent=general))
    person = PersonFactory()
    services.role_assign(actor=staff, role=role_of(circle, RoleKind.DELEGATE), person=person)
    membership = services.membership_join(actor=staff, person=PersonFactory(), circle=circle)
    services.circle_archive(actor=staff, circle=circle)
    circle.refresh_from_db()
    membership.refresh_from_db()
    assert circle.is_archived
    assert membership.end_reason == EndReason.CLOSED
    assert not RoleAssignment.objects.filter(ended_at__isnull=True).exists()
    assert not links(person)  # the delegate's seat in the parent circle ended too
    assert Membership.objects.filter(person=person, circle=general).count() == 1
    assert "circle.archived" in verbs(circle)
    assert link_inconsistencies() == []


def test_archiving_is_refused_for_the_general_circle_a_parent_or_a_sole_sponsor(staff, general):
    with pytest.raises(ValidationError):
        services.circle_archive(actor=staff, circle=general)
    parent = CircleFactory()
    CircleFactory(parent=parent)
    with pytest.raises(ValidationError, match=r"sub-circles|sous-cercles"):
        services.circle_archive(actor=staff, circle=parent)
    sponsor = CircleFactory()
    WorkstreamFactory(name="Transport collectif rural", sponsors=[sponsor])
    with pytest.raises(ValidationError, match="Transport collectif rural"):
        services.circle_archive(actor=staff, circle=sponsor)
    co_sponsored = CircleFactory()
    WorkstreamFactory(sponsors=[co_sponsored, general])
    services.circle_archive(actor=staff, circle=co_sponsored)
    co_sponsored.refresh_from_db()
    assert co_sponsored.is_archived


# Roles


def test_roles_are_created_amended_and_archived_with_their_history(staff):
    role = services.role_create(
        actor=staff,
        circle=CircleFactory(),
        data=RoleData(
            name="Veille", purpose="Suivre les politiques publiques", accountabilities=["Lire"]
        ),
    )
    assert not role.may_amend_policies and role.kind == RoleKind.CUSTOM
    data = services.role_data_of(role)
    data.elected, data.term_months = True, 24
    data.accountabilities = ["Lire", "Résumer"]
    services.role_amend(actor=staff, role=role, data=data)
    holder = PersonFactory()
    services.role_assign(actor=staff, role=role, person=holder)
    services.role_archive(actor=staff, role=role)
    assert verbs(role) == [
        "role.created",
        "role.accountability_added",
        "role.amended",
        "role.accountability_added",
        "role.assigned",
        "role.assignment_ended",
        "role.archived",
    ]
    amended = AuditEvent.objects.get(verb="role.amended")
    assert amended.payload == {"elected": [False, True], "term_months": [None, 24]}
    assert RoleAssignment.objects.get(person=holder).ended_at is not None


def test_a_workstream_role_cannot_be_a_delegate_nor_a_general_circle_one(staff, general):
    with pytest.raises(ValidationError):
        services.role_create(
            actor=staff, workstream=WorkstreamFactory(), data=RoleData(kind=RoleKind.DELEGATE)
        )
    with pytest.raises(ValidationError):
        services.role_create(actor=staff, circle=general, data=RoleData(kind=RoleKind.DELEGATE))
    with pytest.raises(ValidationError):
        services.role_create(actor=staff, data=RoleData(name="Nulle part"))


def test_an_elected_role_gets_its_term_end_and_a_seat_brings_its_substitutes(staff):
    role = services.role_create(
        actor=staff,
        circle=CircleFactory(),
        data=RoleData(name="Trésorerie", elected=True, term_months=24),
    )
    substitute = PersonFactory()
    seat = SeatFactory()
    seat.substitutes.set([substitute])
    assignment = services.role_assign(
        actor=staff, role=role, person=seat.holder, seat=seat, start_date=dt.date(2025, 1, 31)
    )
    assert assignment.term_end == dt.date(2027, 1, 31)
    assert list(assignment.substitutes.all()) == [substitute]
    event = AuditEvent.objects.get(verb="role.assigned")
    assert event.payload["organization"] == str(seat.organization)
    with pytest.raises(ValidationError):
        services.role_assign(actor=staff, role=role, person=PersonFactory(), seat=seat)
    services.role_assignment_update(
        actor=staff, assignment=assignment, substitutes=[], term_end=dt.date(2028, 1, 31)
    )
    assignment.refresh_from_db()
    assert assignment.term_end == dt.date(2028, 1, 31)
    assert not assignment.substitutes.exists()


def test_add_months_keeps_the_end_of_month():
    assert services.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert services.add_months(dt.date(2025, 11, 15), 14) == dt.date(2027, 1, 15)


def test_only_staff_assign_roles(member):
    role = services.role_create(actor=SYSTEM, circle=CircleFactory(), data=RoleData(name="R"))
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=member, role=role, person=PersonFactory())


# Memberships roles make (ex officio, double links included)


def groups(person):
    return {m.group for m in links(person)}


def test_the_delegate_of_a_sub_circle_is_a_member_of_it_and_of_the_parent_and_follows_changes(
    staff, general
):
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    delegate = role_of(food, RoleKind.DELEGATE)
    first, second = PersonFactory(), PersonFactory()

    services.role_assign(actor=staff, role=delegate, person=first)
    assert groups(first) == {food, general}
    link = Membership.objects.get(person=first, circle=general)
    assert link.assignment.role == delegate
    assert link_inconsistencies() == []

    # The representative changes: the old memberships end, the new ones start.
    services.role_assign(actor=staff, role=delegate, person=second)
    link.refresh_from_db()
    assert link.end_reason == EndReason.LINK_ENDED and link.ended_at is not None
    assert not links(first)
    assert groups(second) == {food, general}
    assert RoleAssignment.objects.get(person=first).ended_at is not None
    assert link_inconsistencies() == []

    # The circle moves under another parent: the link moves along.
    housing = services.circle_create(
        actor=staff, data=CircleData(name="Habitation", parent=general)
    )
    data = services.circle_data_of(food)
    data.parent = housing
    services.circle_amend(actor=staff, circle=food, data=data)
    assert groups(second) == {food, housing}
    assert link_inconsistencies() == []

    # The assignment ends: so do its memberships; nothing was deleted.
    services.role_assignment_end(
        actor=staff, assignment=RoleAssignment.objects.get(person=second, ended_at=None)
    )
    assert not links(second)
    assert Membership.objects.filter(source=MembershipSource.LINK).count() == 5
    assert link_inconsistencies() == []
    history = verbs(general)
    assert history.count("circle.link_member_added") == 2
    assert history.count("circle.link_member_ended") == 2


def test_holding_any_role_makes_one_a_member_counted_and_told(
    staff, general, django_capture_on_commit_callbacks, mailoutbox
):
    """Given the facilitation of a circle, a person is listed among its members, counted in its
    balance, and told by a notification and an e-mail."""
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    facilitator = user_with_person(PlatformRole.MEMBER)
    seat = SeatFactory(holder=facilitator.person)
    with django_capture_on_commit_callbacks(execute=True):
        services.role_assign(
            actor=staff, role=role_of(food, RoleKind.FACILITATOR), person=facilitator.person
        )
    assert groups(facilitator.person) == {food}
    [row] = selectors.circle_detail(viewer=staff, slug=food.slug).members
    assert row.person == facilitator.person and [r.kind for r in row.links] == ["facilitator"]
    balance = selectors.intersectoral_balance(viewer=staff, circle=food)
    assert balance is not None and balance.total == 1
    sectors = {row.key for row in balance.by_sector if row.count}
    assert sectors == {sector.key for sector in seat.organization.sectors.all()}
    [notification] = Notification.objects.filter(recipient=facilitator)
    assert "Sécurité alimentaire" in notification.subject
    assert notification.url.endswith(f"/cercles/{food.slug}/")
    assert [m.to for m in mailoutbox] == [[facilitator.email]]
    # Holders without an account are not told, and ending the role ends the membership.
    services.role_assign(
        actor=staff, role=role_of(food, RoleKind.SECRETARY), person=PersonFactory()
    )
    assert Notification.objects.count() == 1
    services.role_assignment_end(
        actor=staff, assignment=RoleAssignment.objects.get(person=facilitator.person)
    )
    assert not links(facilitator.person)
    assert link_inconsistencies() == []


def test_the_lead_link_is_a_member_of_the_circle_it_leads(staff, general):
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    lead = PersonFactory()
    services.role_assign(actor=staff, role=role_of(food, RoleKind.LEAD), person=lead)
    assert [m.circle for m in links(lead)] == [food]
    successor = PersonFactory()
    services.role_assign(actor=staff, role=role_of(food, RoleKind.LEAD), person=successor)
    assert not links(lead) and [m.circle for m in links(successor)] == [food]
    assert link_inconsistencies() == []


def test_a_direct_member_who_becomes_delegate_keeps_both_memberships(staff, general):
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    person = PersonFactory()
    direct = services.membership_join(actor=staff, person=person, circle=general)
    services.role_assign(actor=staff, role=role_of(food, RoleKind.DELEGATE), person=person)
    assert Membership.objects.filter(person=person, circle=general, ended_at=None).count() == 2
    # A membership a role makes is not left nor removed by itself: the role ends instead.
    with pytest.raises(ValidationError):
        services.membership_remove(actor=staff, membership=links(person)[0])
    services.membership_remove(actor=staff, membership=direct)
    assert groups(person) == {food, general}


def test_changing_a_role_kind_or_archiving_it_keeps_links_consistent(staff, general):
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    services.role_archive(actor=staff, role=role_of(food, RoleKind.DELEGATE))
    custom = services.role_create(actor=staff, circle=food, data=RoleData(name="Porte-parole"))
    person = PersonFactory()
    services.role_assign(actor=staff, role=custom, person=person)
    assert groups(person) == {food}
    data = services.role_data_of(custom)
    data.kind = RoleKind.DELEGATE
    services.role_amend(actor=staff, role=custom, data=data)
    assert groups(person) == {food, general}
    services.role_archive(actor=staff, role=custom)
    assert not links(person)
    assert link_inconsistencies() == []


def test_links_repair_fixes_a_link_broken_behind_the_services_back(staff, general):
    food = services.circle_create(
        actor=staff, data=CircleData(name="Sécurité alimentaire", parent=general)
    )
    person = PersonFactory()
    services.role_assign(actor=staff, role=role_of(food, RoleKind.DELEGATE), person=person)
    Membership.objects.filter(source=MembershipSource.LINK).update(
        ended_at=timezone.now(), end_reason="removed"
    )
    assert link_inconsistencies()
    assert services.links_repair(actor=staff) == 2  # in the circle and in its parent
    assert link_inconsistencies() == []


# Memberships


def test_join_leave_and_remove_are_recorded_never_deleted(staff, member):
    circle = CircleFactory()
    person = PersonFactory()
    joined = services.membership_join(actor=staff, person=person, circle=circle)
    with pytest.raises(ValidationError):
        services.membership_join(actor=staff, person=person, circle=circle)
    services.membership_remove(actor=staff, membership=joined, note="Ne participe plus")
    joined.refresh_from_db()
    assert joined.end_reason == EndReason.REMOVED and joined.ended_by == staff
    own = services.membership_join(actor=staff, person=member.person, circle=circle)
    services.membership_leave(actor=member, membership=own)
    own.refresh_from_db()
    assert own.end_reason == EndReason.LEFT and own.ended_by == member
    assert Membership.objects.filter(circle=circle).count() == 2
    assert verbs(circle) == [
        "circle.member_added",
        "circle.member_removed",
        "circle.member_added",
        "circle.member_left",
    ]


def test_someone_else_cannot_make_a_member_leave(member):
    membership = MembershipFactory()
    with pytest.raises(PermissionDenied):
        services.membership_leave(actor=member, membership=membership)


def test_a_partner_member_joins_an_open_circle_by_themselves_but_not_a_consent_one(member):
    open_circle = CircleFactory(mode="open")
    joined = services.membership_join(actor=member, person=member.person, circle=open_circle)
    assert joined.circle == open_circle and joined.ended_at is None
    with pytest.raises(PermissionDenied):
        services.membership_join(actor=member, person=member.person, circle=CircleFactory())
    with pytest.raises(PermissionDenied):
        services.membership_join(actor=member, person=PersonFactory(), circle=open_circle)


def test_external_actors_and_guests_join_workstreams_only(staff):
    person = PersonFactory()
    with pytest.raises(ValidationError):
        services.membership_join(actor=staff, person=person, circle=CircleFactory(), kind="guest")
    workstream = WorkstreamFactory()
    joined = services.membership_join(
        actor=staff, person=person, workstream=workstream, kind="external"
    )
    assert (joined.workstream, joined.kind) == (workstream, "external")


# Workstreams


def test_a_workstream_needs_a_sponsor_and_gets_its_lead_role_and_deliverables(staff, general):
    with pytest.raises(ValidationError):
        services.workstream_create(actor=staff, data=WorkstreamData(name="Seul", sponsors=[]))
    workstream = services.workstream_create(
        actor=staff,
        data=WorkstreamData(
            name="Participation sociale dans Charlevoix",
            sponsors=[general],
            sunset_date=dt.date(2027, 6, 30),
            deliverables=[DeliverableData("Portrait des initiatives"), DeliverableData("Bilan")],
        ),
    )
    assert workstream.status == "proposed"
    assert role_of(workstream, RoleKind.LEAD).name == "Responsable du chantier"
    assert list(workstream.deliverables.values_list("title", flat=True)) == [
        "Portrait des initiatives",
        "Bilan",
    ]
    assert verbs(workstream) == [
        "workstream.created",
        "workstream.deliverable_added",
        "workstream.deliverable_added",
    ]
    deliverable = workstream.deliverables.first()
    services.deliverable_set_done(actor=staff, deliverable=deliverable, done=True)
    deliverable.refresh_from_db()
    assert deliverable.done and deliverable.done_at is not None


def test_amending_a_workstream_its_lead_may_but_not_its_sponsors(staff, general):
    workstream = services.workstream_create(
        actor=staff, data=WorkstreamData(name="Transport collectif rural", sponsors=[general])
    )
    lead = user_with_person(PlatformRole.MEMBER)
    services.role_assign(actor=staff, role=role_of(workstream, RoleKind.LEAD), person=lead.person)
    data = services.workstream_data_of(workstream)
    data.mandate = "Cartographier l'offre de transport."
    services.workstream_amend(actor=lead, workstream=workstream, data=data)
    data.sponsors = [general, CircleFactory()]
    with pytest.raises(PermissionDenied):
        services.workstream_amend(actor=lead, workstream=workstream, data=data)
    services.workstream_amend(actor=staff, workstream=workstream, data=data)
    assert workstream.sponsors.count() == 2
    amended = [
        e.payload for e in AuditEvent.objects.filter(verb="workstream.amended").order_by("id")
    ]
    assert amended[-1]["sponsors"][0] == ["cercle-general"]
    with pytest.raises(PermissionDenied):
        services.workstream_amend(
            actor=user_with_person(PlatformRole.MEMBER), workstream=workstream, data=data
        )


def test_workstream_transitions_follow_the_workflow_and_its_roles(staff, general):
    workstream = services.workstream_create(
        actor=staff, data=WorkstreamData(name="Chantier", sponsors=[general])
    )
    lead = user_with_person(PlatformRole.MEMBER)
    services.role_assign(actor=staff, role=role_of(workstream, RoleKind.LEAD), person=lead.person)
    with pytest.raises(PermissionDenied):
        services.workstream_transition(actor=lead, workstream=workstream, transition="launch")
    services.workstream_transition(actor=staff, workstream=workstream, transition="launch")
    services.workstream_transition(actor=lead, workstream=workstream, transition="pause")
    services.workstream_transition(actor=lead, workstream=workstream, transition="resume")
    services.workstream_transition(actor=lead, workstream=workstream, transition="complete")
    with pytest.raises(ValidationError):
        services.workstream_transition(actor=staff, workstream=workstream, transition="pause")
    with pytest.raises(ValidationError):
        services.workstream_transition(actor=staff, workstream=workstream, transition="explode")
    with pytest.raises(PermissionDenied):
        services.workstream_transition(actor=lead, workstream=workstream, transition="close")
    services.workstream_transition(actor=staff, workstream=workstream, transition="close")
    assert workstream.status == "closed"
    changes = [
        (e.payload["from"], e.payload["to"])
        for e in AuditEvent.objects.filter(verb="workstream.status_changed").order_by("id")
    ]
    assert changes == [
        ("proposed", "active"),
        ("active", "paused"),
        ("paused", "active"),
        ("active", "completed"),
        ("completed", "closed"),
    ]


def test_archiving_a_workstream_ends_memberships_and_revokes_invitations(staff, general):
    workstream = services.workstream_create(
        actor=staff, data=WorkstreamData(name="Chantier", sponsors=[general])
    )
    membership = services.membership_join(
        actor=staff, person=PersonFactory(), workstream=workstream, kind="guest"
    )
    sent = services.invitation_create(actor=staff, workstream=workstream, email="x@example.org")
    services.workstream_archive(actor=staff, workstream=workstream)
    membership.refresh_from_db()
    sent.invitation.refresh_from_db()
    assert membership.end_reason == EndReason.CLOSED
    assert sent.invitation.revoked_at is not None
    assert Workstream.objects.get(pk=workstream.pk).is_archived


# Policies


def test_policies_keep_every_version_with_who_and_when(staff):
    policy = services.policy_adopt(
        actor=staff,
        circle=CircleFactory(),
        data=PolicyData(
            title="Accueil des nouveaux partenaires",
            text="Première version.",
            review_date=dt.date(2030, 1, 1),
        ),
    )
    services.policy_amend(
        actor=staff,
        policy=policy,
        data=PolicyData(
            title=policy.title, text="Deuxième version.", review_date=dt.date(2031, 1, 1)
        ),
        note="Ajout d'une rencontre d'accueil",
    )
    policy.refresh_from_db()
    assert policy.version == 2 and policy.text == "Deuxième version."
    versions = list(policy.versions.order_by("number"))
    assert [v.text for v in versions] == ["Première version.", "Deuxième version."]
    assert versions[1].created_by == staff and versions[1].note.startswith("Ajout")
    assert verbs(policy) == ["policy.adopted", "policy.amended"]
    # An unchanged text records nothing.
    services.policy_amend(
        actor=staff,
        policy=policy,
        data=PolicyData(title=policy.title, text=policy.text, review_date=policy.review_date),
    )
    assert policy.versions.count() == 2
    services.policy_set_status(actor=staff, policy=policy, status=PolicyStatus.UNDER_REVIEW)
    services.policy_retire(actor=staff, policy=policy)
    with pytest.raises(ValidationError):
        services.policy_amend(actor=staff, policy=policy, data=PolicyData(title="T", text="Encore"))
    assert Policy.objects.get(pk=policy.pk).status == PolicyStatus.RETIRED


def test_a_partner_member_amends_policies_only_through_a_role_that_may(staff, member):
    circle = services.circle_create(
        actor=staff, data=CircleData(name="Habitation", parent=CircleFactory().parent)
    )
    policy = services.policy_adopt(
        actor=staff, circle=circle, data=PolicyData(title="Règles", text="v1")
    )
    amended = PolicyData(title="Règles", text="v2")
    with pytest.raises(PermissionDenied) as refused:
        services.policy_amend(actor=member, policy=policy, data=amended)
    assert "politiques" in str(refused.value)
    facilitator = services.role_assign(
        actor=staff, role=role_of(circle, RoleKind.FACILITATOR), person=member.person
    )
    with pytest.raises(PermissionDenied):
        services.policy_amend(actor=member, policy=policy, data=amended)
    services.role_assignment_end(actor=staff, assignment=facilitator)
    services.role_assign(
        actor=staff, role=role_of(circle, RoleKind.SECRETARY), person=member.person
    )
    services.policy_amend(actor=member, policy=policy, data=amended)
    assert Policy.objects.get(pk=policy.pk).version == 2
    # A role of another circle gives no right here.
    other = services.policy_adopt(
        actor=staff, circle=CircleFactory(), data=PolicyData(title="Ailleurs", text="v1")
    )
    with pytest.raises(PermissionDenied):
        services.policy_amend(actor=member, policy=other, data=amended)


# Invitations


def make_invitation(actor, workstream=None, **kwargs):
    workstream = workstream or WorkstreamFactory(name="Participation sociale dans Charlevoix")
    return services.invitation_create(
        actor=actor,
        workstream=workstream,
        email=kwargs.pop("email", "Invitee@Example.org"),
        base_url="https://maillage.example.org",
        **kwargs,
    )


def test_an_invitation_is_mailed_with_its_link_and_only_its_hash_is_stored(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = make_invitation(staff, message="Bienvenue!")
    invitation = sent.invitation
    assert invitation.email == "invitee@example.org"
    assert sent.token not in invitation.token_hash
    assert invitation.token_hash == hash_token(sent.token)
    assert invitation.expires_at.date() == (timezone.now() + dt.timedelta(days=14)).date()
    [message] = mail.outbox
    assert message.to == ["invitee@example.org"]
    assert "Participation sociale dans Charlevoix" in message.subject
    assert sent.accept_url.startswith("https://maillage.example.org/")
    assert sent.accept_url in message.body and "Bienvenue!" in message.body
    assert "workstream.invitation_sent" in verbs(invitation.workstream)


def test_the_invitation_lifetime_is_configurable(staff, settings):
    settings.MAILLAGE_INVITATION_DAYS = 3
    sent = make_invitation(staff)
    assert sent.invitation.expires_at.date() == (timezone.now() + dt.timedelta(days=3)).date()
    sent = make_invitation(staff, email="autre@example.org", expires_in_days=30)
    assert sent.invitation.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()


def test_accepting_creates_the_person_and_the_membership(staff):
    sent = make_invitation(staff, kind="external")
    user = UserFactory(email="invitee@example.org", first_name="Inès", last_name="Tremblay")
    membership = services.invitation_accept(actor=user, token=sent.token)
    person = Person.objects.get(user=user)
    assert (person.first_name, person.last_name, person.email) == (
        "Inès",
        "Tremblay",
        "invitee@example.org",
    )
    assert membership.person == person and membership.workstream == sent.invitation.workstream
    assert membership.kind == "external"
    invitation = Invitation.objects.get(pk=sent.invitation.pk)
    assert invitation.accepted_by == user and invitation.membership == membership
    assert verbs(invitation.workstream)[-2:] == [
        "workstream.member_added",
        "workstream.invitation_accepted",
    ]


def test_accepting_links_an_existing_person_without_an_account(staff):
    person = PersonFactory(email="ines@example.org")
    sent = make_invitation(staff, email="ines@example.org", kind="guest")
    user = UserFactory(email="ines@example.org")
    membership = services.invitation_accept(actor=user, token=sent.token)
    person.refresh_from_db()
    assert person.user == user and membership.person == person and membership.kind == "guest"


@pytest.mark.parametrize(
    ("spoil", "code", "words"),
    [
        ("expire", "expired", "expiré"),
        ("revoke", "revoked", "retirée"),
        ("use", "used", "déjà été utilisée"),
        ("garble", "invalid", "n’est pas valide"),
    ],
)
def test_expired_revoked_used_or_unknown_invitations_are_refused(staff, spoil, code, words):
    sent = make_invitation(staff)
    token = sent.token
    if spoil == "expire":
        Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif spoil == "revoke":
        services.invitation_revoke(actor=staff, invitation=sent.invitation)
    elif spoil == "use":
        services.invitation_accept(actor=UserFactory(email="invitee@example.org"), token=token)
    else:
        token = token[::-1]
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(actor=UserFactory(), token=token)
    assert refused.value.code == code
    assert words in refused.value.messages[0]


def test_the_lead_link_of_a_workstream_may_invite_a_partner_member_may_not(staff, member):
    workstream = WorkstreamFactory()
    with pytest.raises(PermissionDenied):
        make_invitation(member, workstream)
    role = services.role_create(actor=staff, workstream=workstream, data=RoleData(kind="lead"))
    services.role_assign(actor=staff, role=role, person=member.person)
    assert make_invitation(member, workstream).invitation.created_by == member


def test_no_invitation_to_a_closed_workstream_nor_for_a_current_member(staff):
    with pytest.raises(ValidationError):
        make_invitation(staff, WorkstreamFactory(status="closed"))
    workstream = WorkstreamFactory()
    person = PersonFactory(email="deja@example.org")
    services.membership_join(actor=staff, person=person, workstream=workstream)
    with pytest.raises(ValidationError):
        make_invitation(staff, workstream, email="deja@example.org")


def test_a_new_invitation_replaces_the_pending_one(staff):
    workstream = WorkstreamFactory()
    first = make_invitation(staff, workstream)
    second = make_invitation(staff, workstream)
    first.invitation.refresh_from_db()
    assert first.invitation.revoked_at is not None
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=UserFactory(), token=first.token)
    invitee = UserFactory(email="invitee@example.org")
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=invitee, token=first.token)
    membership = services.invitation_accept(actor=invitee, token=second.token)
    assert membership.workstream == workstream


def test_anonymous_cannot_accept(staff):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=AnonymousUser(), token=make_invitation(staff).token)


def test_accountabilities_can_be_added_and_removed_one_by_one(staff):
    circle = CircleFactory()
    item = services.accountability_add(actor=staff, owner=circle, text="Tenir le registre")
    services.accountability_remove(actor=staff, accountability=item)
    assert not Accountability.objects.exists()
    assert verbs(circle) == ["circle.accountability_added", "circle.accountability_removed"]
    with pytest.raises(PermissionDenied):
        services.accountability_add(
            actor=user_with_role(PlatformRole.MEMBER), owner=circle, text="Non"
        )


def test_ending_a_seat_ends_the_roles_held_on_its_behalf_and_their_double_links(staff):
    from maillage.network import services as network_services

    circle = CircleFactory()
    lead = services.role_create(actor=staff, circle=circle, data=RoleData(kind=RoleKind.LEAD))
    treasurer = services.role_create(actor=staff, circle=circle, data=RoleData(name="Trésorerie"))
    seat = SeatFactory(start_date=dt.date(2024, 1, 1))
    assignment = services.role_assign(actor=staff, role=lead, person=seat.holder, seat=seat)
    link = Membership.objects.get(
        circle=circle, person=seat.holder, source=MembershipSource.LINK, ended_at__isnull=True
    )
    future = SeatFactory(start_date=dt.date(2024, 1, 1))
    later = services.role_assign(actor=staff, role=treasurer, person=future.holder, seat=future)

    network_services.seat_end(actor=staff, seat=future, end_date=dt.date.today() + dt.timedelta(30))
    later.refresh_from_db()
    assert later.ended_at is None  # a seat ending next month keeps its roles until then

    network_services.seat_end(actor=staff, seat=seat)
    assignment.refresh_from_db()
    link.refresh_from_db()
    assert assignment.ended_at is not None
    assert assignment.ended_by == staff
    assert link.ended_at is not None  # the lead's double link went with the role
    event = AuditEvent.objects.filter(verb="role.assignment_ended").latest("created_at")
    assert event.payload["note"] == "seat_ended"
