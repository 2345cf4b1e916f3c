"""A meeting's page keeps its agenda, decisions, invitations, attendance and quorum rendered
(`selectors.PAGE_CACHE`): each change shows at once, and who runs the meeting and who only reads
it never see each other's copy."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.meetings import services
from maillage.meetings.tests.test_services import attend

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, table) -> str:
    response = client.get(reverse("meetings:meeting_detail", kwargs={"pk": table.meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_attendance_and_quorum_show_at_once(table):
    reader = login(table.municipal)
    assert "Les présences ne sont pas encore consignées." in page(reader, table)
    attend(table, community="present", municipal="present", health="absent")
    text = page(reader, table)
    assert "Quorum non atteint" in text
    attend(table, health="represented")
    text = page(reader, table)
    assert "Quorum atteint" in text and "Quorum non atteint" not in text
    # The group's rule changes: the quorum is counted again at once.
    table.circle.quorum_seats = 4
    table.circle.save()
    assert "Quorum non atteint" in page(reader, table)


def test_the_agenda_the_invitations_and_names_show_at_once(table):
    reader = login(table.municipal)
    assert "L’ordre du jour est vide." in page(reader, table)
    # The facilitator named among the facts, renamed.
    assert "Aline Tremblay" in page(reader, table)
    facilitator = table.community.person
    facilitator.first_name = "Aline-Marie"
    facilitator.save()
    text = page(reader, table)
    assert "Aline-Marie Tremblay" in text and "Aline Tremblay" not in text
    item = services.agenda_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.AgendaItemData(title="Portrait du logement", presenter=table.health.person),
    )
    assert "Portrait du logement" in page(reader, table)
    services.agenda_item_amend(
        actor=SYSTEM,
        item=item,
        data=services.AgendaItemData(
            title="Portrait du logement", presenter=table.health.person, notes="Trois constats."
        ),
    )
    assert "Trois constats." in page(reader, table)
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    assert "Personne n’est encore invité." not in page(reader, table)
    assert "Présents : 0; absents : 0" in page(reader, table)
    services.invitation_answer(actor=table.health, meeting=table.meeting, rsvp="yes")
    assert "Présents : 1; absents : 0" in page(reader, table)
    services.invitation_answer(actor=table.municipal, meeting=table.meeting, rsvp="no")
    assert "Présents : 1; absents : 1" in page(reader, table)
    person = table.health.person
    person.first_name = "Chloé-Anne"
    person.save()
    assert "Chloé-Anne Roy" in page(reader, table)


def test_those_who_run_the_meeting_and_those_who_read_it_get_their_own_copy(table):
    services.agenda_item_add(
        actor=SYSTEM, meeting=table.meeting, data=services.AgendaItemData(title="Bienvenue")
    )
    facilitator, reader = login(table.community), login(table.municipal)
    staff = login(user_with_role(Role.STAFF))
    for _time in range(2):
        assert "Modifier le point ou en rédiger les notes" in page(facilitator, table)
        assert "Modifier le point ou en rédiger les notes" not in page(reader, table)
        assert "Modifier le point ou en rédiger les notes" in page(staff, table)
