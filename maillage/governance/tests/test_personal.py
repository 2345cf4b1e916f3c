"""The collaboration model's part of the registry of personal information: what "my data" shows
of a person's roles, memberships, invitations and writings, and how their anonymization keeps
the collective's roles and memberships whole."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from maillage.core import personal
from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.governance import services
from maillage.governance.models import (
    Announcement,
    CalendarFeed,
    Invitation,
    Membership,
    RoleAssignment,
    RoleKind,
)
from maillage.governance.personal import anonymize_governance, export_governance
from maillage.governance.services import AnnouncementData
from maillage.governance.tests.factories import CircleFactory, MembershipFactory, RoleFactory
from maillage.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PSEUDONYM = "Personne anonymisée 7"


@pytest.fixture
def lead_space(space):
    """The workstream's lead link, Bastien Hautecôte, has posted an announcement, was invited at
    his second address (his account has two), and is a member of the circle "Habitation" with a
    staff's note; Anatole Beaulac was invited too."""
    lead = space.lead
    services.announcement_post(
        actor=lead,
        workstream=space.workstream,
        data=AnnouncementData(title="Rencontre jeudi", text="Bastien vous attend au local."),
    )
    EmailAddress.objects.create(user=lead, email="bastien.perso@example.org", verified=True)
    services.invitation_create(
        actor=space.staff,
        workstream=space.workstream,
        email="bastien.perso@example.org",
        message="Bonjour Bastien",
    )
    services.invitation_create(
        actor=space.staff,
        workstream=space.workstream,
        email="anatole.autre@example.org",
        message="Bonjour Anatole",
    )
    services.membership_join(
        actor=space.staff,
        person=lead.person,
        circle=CircleFactory(name="Habitation"),
        note="Disponible le jeudi",
    )
    CalendarFeed.objects.create(user=lead)
    return space


def _sections(account):
    return {section.key: section for section in export_governance(account)}


def test_my_data_shows_my_roles_memberships_invitations_and_writings_only(lead_space):
    sections = _sections(lead_space.lead)

    roles = sections["governance.roles"].rows
    assert [(row.values["Cercle ou chantier"], row.values["À titre de"]) for row in roles] == [
        ("Participation sociale", "titulaire")
    ]
    groups = {
        (row.values["Cercle ou chantier"], row.values["Note"])
        for row in sections["governance.memberships"].rows
    }
    assert groups == {("Participation sociale", ""), ("Habitation", "Disponible le jeudi")}
    invitations = sections["governance.invitations"].rows
    assert [row.values["Message"] for row in invitations] == ["Bonjour Bastien"]
    writings = sections["governance.writings"].rows
    assert [(row.values["Titre"], row.values["Texte"]) for row in writings] == [
        ("Rencontre jeudi", "Bastien vous attend au local.")
    ]
    # Another person's records are not in it.
    member = _sections(lead_space.member)
    assert [row.values["Cercle ou chantier"] for row in member["governance.memberships"].rows] == [
        "Participation sociale"
    ]
    assert member["governance.roles"].rows == []
    assert member["governance.writings"].rows == []
    assert member["governance.invitations"].rows == []


def test_my_data_reads_in_queries_that_do_not_grow_with_the_records(member, query_budget):
    person = member.person

    def add(count: int) -> None:
        for _ in range(count):
            RoleFactory().assignments.create(person=person)
            MembershipFactory(person=person)
            RoleFactory().assignments.create(person=PersonFactory()).substitutes.add(person)

    add(1)
    few = query_budget(12)(lambda: export_governance(member))
    add(5)
    assert query_budget(12)(lambda: export_governance(member)) == few


def test_anonymization_keeps_roles_and_memberships_and_forgets_the_person(lead_space):
    lead = lead_space.lead
    person = lead.person

    personal.anonymize_everywhere(
        account=lead, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True
    )

    # The collective's records stay whole, under the pseudonym.
    assignment = RoleAssignment.objects.get(person=person, role__kind=RoleKind.LEAD)
    assert assignment.ended_at is None
    assert str(assignment.person) == PSEUDONYM
    assert Membership.objects.filter(person=person).count() == 2
    assert set(Membership.objects.filter(person=person).values_list("note", flat=True)) == {""}
    # The invitation sent to them keeps no address nor message; another one is untouched.
    assert not Invitation.objects.filter(email="bastien.perso@example.org").exists()
    assert Invitation.objects.get(message="Bonjour Anatole").email == "anatole.autre@example.org"
    assert Invitation.objects.filter(email="", message="", revoked_at__isnull=False).count() == 1
    # What they wrote goes, since they asked it; its title stays as the workstream's record.
    announcement = Announcement.objects.get()
    assert (announcement.title, announcement.text) == ("Rencontre jeudi", "")
    assert CalendarFeed.objects.get(user=lead).generation == 1
    # The history names them no more, and still names the others.
    history = str(list(AuditEvent.objects.values_list("verb", "target_repr", "payload")))
    assert "Hautecôte" not in history, history
    assert PSEUDONYM in history
    assert "Anatole Beaulac" in history


def test_anonymization_keeps_the_texts_unless_asked(lead_space):
    anonymize_governance(
        account=lead_space.lead, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=False
    )
    assert Announcement.objects.get().text == "Bastien vous attend au local."
