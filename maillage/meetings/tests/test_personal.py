"""Personal information in the meetings app: every field declared, "my data" lists the
person's own records only, and anonymization removes their name from the minutes (texts and
PDF) while attendance, quorum and minutes stay the same."""

from __future__ import annotations

import pytest
from django.apps import apps

from maillage.core import personal
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance.tests.factories import user_with_person
from maillage.meetings import selectors, services
from maillage.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    Rsvp,
)
from maillage.meetings.personal import anonymize, export
from maillage.meetings.tests.factories import MeetingFactory
from maillage.meetings.tests.test_minutes import held, text_of
from maillage.network.models import Person

pytestmark = pytest.mark.django_db

PSEUDONYM = "Personne anonymisée 7"


def test_no_field_of_the_app_is_left_undeclared():
    assert personal.undeclared(apps.get_app_config("meetings").get_models()) == []


def test_the_app_registers_its_export_and_anonymizer():
    registry = personal.load()
    assert registry.exporters["meetings"] is export
    assert registry.anonymizers["meetings"] is anonymize


def sections(account):
    return {s.key: s for s in export(account)}


def values(section):
    return [value for row in section.rows for value in row.values.values()]


def test_my_data_lists_the_persons_records_and_no_one_elses(table):
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    services.invitation_answer(actor=table.community, meeting=table.meeting, rsvp="yes")
    services.agenda_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.AgendaItemData(title="Bilan de l'année", presenter=table.community.person),
    )
    [invitation] = sections(table.community)["meetings.invitations"].rows
    assert invitation.values["Réponse"] == str(Rsvp.YES.label)
    # A coming meeting: the answer may still change.
    assert invitation.correct_url.endswith(f"/{table.meeting.pk}/")

    held(table)
    mine = sections(table.community)
    assert mine["meetings.invitations"].rows[0].correct_url == ""
    [attendance] = mine["meetings.attendance"].rows
    assert attendance.values["Présences"] == str(AttendanceStatus.PRESENT.label)
    assert "Bilan de l'année" in values(mine["meetings.agenda_items"])
    assert [row.values["Animation"] for row in mine["meetings.roles"].rows] == [True]
    # Bruno's action item is his alone.
    assert mine["meetings.action_items"].rows == []
    bruno = sections(table.municipal)
    assert "Relancer les municipalités" in values(bruno["meetings.action_items"])
    assert bruno["meetings.roles"].rows == [] and bruno["meetings.agenda_items"].rows == []
    # Chloé, represented by her substitute: her attendance names who stood in for her.
    [represented] = sections(table.health)["meetings.attendance"].rows
    substitute = table.health.person.seats.get().substitutes.get()
    assert str(substitute) in represented.values.values()


def test_my_data_keeps_its_query_count_whatever_the_meetings(table, query_budget):
    meter = query_budget(8)
    held(table)

    def one_of_each() -> None:
        meeting = MeetingFactory(circle=table.circle, facilitator=table.community.person)
        Attendance.objects.create(meeting=meeting, person=table.community.person, status="present")
        ActionItem.objects.create(meeting=meeting, person=table.community.person, text="Suivi")
        AgendaItem.objects.create(meeting=meeting, title="Point", presenter=table.community.person)

    # The kinds the person has none of cost nothing beyond the first query: one of each first.
    one_of_each()
    few = meter(lambda: export(table.community))
    for _n in range(3):
        one_of_each()
    assert meter(lambda: export(table.community)) == few


def test_anonymization_renames_the_minutes_and_keeps_attendance_and_quorum(
    table, memory_storage, django_capture_on_commit_callbacks
):
    meeting = held(table)
    Meeting.objects.filter(pk=meeting.pk).update(
        attendance_note="Aline Tremblay est arrivée en retard."
    )
    AgendaItem.objects.filter(meeting=meeting).update(
        notes="Aline Tremblay présente trois constats."
    )
    meeting = services.minutes_make(actor=SYSTEM, meeting=meeting, language="fr")
    with meeting.minutes.open("rb") as stored:
        assert "Aline Tremblay" in text_of(stored.read())
    attendance = list(
        Attendance.objects.filter(meeting=meeting).values_list("person", "seat", "status")
    )
    quorum = selectors.quorum_state(meeting)
    made_at = meeting.minutes_made_at

    with django_capture_on_commit_callbacks(execute=True):
        anonymize(account=table.community, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True)
        # The network app renames the person after this app's turn, in the same transaction.
        Person.objects.filter(pk=table.community.person.pk).update(
            first_name="Personne", last_name="anonymisée 7"
        )

    meeting.refresh_from_db()
    assert meeting.attendance_note == f"{PSEUDONYM} est arrivée en retard."
    assert AgendaItem.objects.get(meeting=meeting).notes == f"{PSEUDONYM} présente trois constats."
    assert (
        list(Attendance.objects.filter(meeting=meeting).values_list("person", "seat", "status"))
        == attendance
    )
    assert selectors.quorum_state(meeting) == quorum
    assert (meeting.state, meeting.minutes_made_at) == ("held", made_at)
    with meeting.minutes.open("rb") as stored:
        text = text_of(stored.read())
    assert "Aline Tremblay" not in text and PSEUDONYM in text
    assert "Bruno Gagnon" in text and "Relancer les municipalités" in text


def test_minutes_that_do_not_name_the_person_are_left_as_made(
    table, memory_storage, django_capture_on_commit_callbacks
):
    meeting = services.minutes_make(actor=SYSTEM, meeting=held(table), language="fr")
    name = meeting.minutes.name
    stranger = user_with_person(PlatformRole.MEMBER, first_name="Denise", last_name="Lavoie")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        anonymize(account=stranger, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True)
    assert callbacks == []
    meeting.refresh_from_db()
    assert meeting.minutes.name == name


def test_an_account_without_a_person_record_reads_no_one_s_attendance(table):
    held(table)
    citizen = user_with_role(PlatformRole.CITIZEN)
    assert not Person.objects.filter(user=citizen).exists()
    assert Attendance.objects.exists()
    mine = sections(citizen)
    assert mine["meetings.attendance"].rows == [] and mine["meetings.roles"].rows == []
