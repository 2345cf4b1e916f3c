"""The meetings' services: planning, invitations with their iCal entry, answers, attendance
by seat with substitutes, quorum, agenda, action items."""

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import Notification
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import StaleVersion, version_of
from maillage.governance.tests.factories import guest_of
from maillage.meetings import selectors, services
from maillage.meetings.models import AttendanceStatus, Invitee
from maillage.meetings.tests.factories import moment


def attend(table, **statuses):
    """Record attendance: `community="present"`, `health="represented"`…"""
    entries = []
    for name, status in statuses.items():
        person = getattr(table, name).person
        seat = person.seats.get()
        entries.append(
            services.AttendanceData(
                person=person,
                status=status,
                seat=seat,
                substitute=seat.substitutes.first() if status == "represented" else None,
            )
        )
    return services.attendance_record(actor=SYSTEM, meeting=table.meeting, entries=entries)


def quorum_of(table):
    detail = selectors.meeting_detail(viewer=user_with_role(Role.STAFF), pk=table.meeting.pk)
    return detail.quorum


def test_a_meeting_is_planned_with_its_place_or_link_and_refused_without(table):
    data = services.MeetingData(
        title="En ligne", starts_at=moment(3), ends_at=moment(3, 14), format="online"
    )
    with pytest.raises(ValidationError) as refused:
        services.meeting_plan(actor=SYSTEM, group=table.circle, data=data)
    assert "link" in refused.value.message_dict
    data.link = "https://visio.example.org/table"
    meeting = services.meeting_plan(actor=SYSTEM, group=table.circle, data=data)
    assert meeting.circle == table.circle and meeting.state == "planned"
    backwards = services.MeetingData(
        title="À l’envers", starts_at=moment(3, 14), ends_at=moment(3, 13), place="Ici"
    )
    with pytest.raises(ValidationError) as refused:
        services.meeting_plan(actor=SYSTEM, group=table.circle, data=backwards)
    assert "ends_at" in refused.value.message_dict


def test_only_staff_and_the_lead_link_plan_a_meeting(table):
    data = services.MeetingData(title="X", starts_at=moment(3), ends_at=moment(3, 14), place="Ici")
    with pytest.raises(PermissionDenied):
        services.meeting_plan(actor=table.municipal, group=table.circle, data=data)
    staff = user_with_role(Role.STAFF)
    assert services.meeting_plan(actor=staff, group=table.circle, data=data).created_by == staff


def test_an_edit_made_since_the_form_opened_is_refused(table):
    opened = version_of(table.meeting)
    data = services.MeetingData(
        title="Renommée", starts_at=moment(7), ends_at=moment(7, 15), place="Ailleurs"
    )
    services.meeting_amend(actor=SYSTEM, meeting=table.meeting, data=data)
    with pytest.raises(StaleVersion):
        services.meeting_amend(actor=SYSTEM, meeting=table.meeting, data=data, version=opened)


def test_invitations_reach_every_member_once_with_the_meetings_ical_entry(
    table, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.meeting_invite(actor=table.community, meeting=table.meeting)
    assert (sent.invited, sent.emailed) == (3, 3)
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == [table.health.person.email])
    assert "Rencontre de la table" in message.subject
    assert "Baie-Saint-Paul" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "rencontre.ics" and mimetype.startswith("text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Rencontre de la table"
    assert event["DTSTART"].dt == table.meeting.starts_at
    assert str(event["LOCATION"]) == "Salle du conseil, Baie-Saint-Paul"
    assert Notification.objects.filter(recipient=table.municipal).count() == 1
    # Sent again, nobody is invited twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_invite(actor=SYSTEM, meeting=table.meeting).invited == 0
    assert len(mail.outbox) == 3


def test_the_invited_person_answers_and_nobody_else(table):
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    invitee = services.invitation_answer(actor=table.municipal, meeting=table.meeting, rsvp="maybe")
    assert invitee.rsvp == "maybe" and invitee.rsvp_at is not None
    services.invitation_answer(actor=table.municipal, meeting=table.meeting, rsvp="yes")
    assert Invitee.objects.get(person=table.municipal.person).rsvp == "yes"
    with pytest.raises(ValidationError):
        services.invitation_answer(actor=table.municipal, meeting=table.meeting, rsvp="sure")
    with pytest.raises(PermissionDenied):
        services.invitation_answer(
            actor=user_with_role(Role.STAFF), meeting=table.meeting, rsvp="yes"
        )
    detail = selectors.meeting_detail(viewer=table.municipal, pk=table.meeting.pk)
    assert detail.my_invite.rsvp == "yes" and detail.answers["yes"] == 1


def test_quorum_is_met_by_seats_and_sectors_with_the_required_sector_present(table):
    attend(table, community="present", municipal="absent", health="present")
    result = quorum_of(table)
    assert result.met and result.seats == 2


def test_quorum_is_not_met_without_the_required_sector(table):
    attend(table, community="present", municipal="present", health="excused")
    result = quorum_of(table)
    assert not result.met
    assert result.reasons == ("secteur « Santé et services sociaux » absent",)


def test_a_substitute_who_stands_in_brings_the_seat_and_its_sector(table):
    attend(table, community="present", health="represented")
    result = quorum_of(table)
    assert result.met and result.seats == 2 and result.sectors == 2


def test_a_substitute_must_be_one_of_the_seats_substitutes(table):
    person = table.municipal.person
    entry = services.AttendanceData(
        person=person,
        status=AttendanceStatus.REPRESENTED,
        seat=person.seats.get(),
        substitute=table.community.person,
    )
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(actor=SYSTEM, meeting=table.meeting, entries=[entry])
    assert f"substitute_{person.pk}" in refused.value.message_dict
    assert not table.meeting.attendances.exists()


def test_attendance_recorded_again_replaces_the_earlier_record(table):
    attend(table, community="absent")
    attend(table, community="present")
    assert [a.status for a in table.meeting.attendances.all()] == ["present"]


def test_agenda_items_follow_one_another_and_take_their_notes(table):
    first = services.agenda_item_add(
        actor=table.community,
        meeting=table.meeting,
        data=services.AgendaItemData(title="Mot de bienvenue", duration=5),
    )
    second = services.agenda_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.AgendaItemData(title="Portrait du logement", presenter=table.health.person),
    )
    assert (first.position, second.position) == (1, 2)
    services.agenda_item_amend(
        actor=SYSTEM,
        item=second,
        data=services.AgendaItemData(
            title="Portrait du logement", presenter=table.health.person, notes="Trois constats."
        ),
    )
    second.refresh_from_db()
    assert second.notes == "Trois constats."
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            actor=SYSTEM,
            meeting=table.meeting,
            data=services.AgendaItemData(title="Trop long", duration=900),
        )


def test_an_action_item_notifies_its_person_who_marks_it_done(table):
    item = services.action_item_add(
        actor=table.community,
        meeting=table.meeting,
        data=services.ActionItemData(
            person=table.municipal.person,
            text="Envoyer le portrait aux municipalités",
            due_date=moment(14).date(),
        ),
    )
    assert Notification.objects.filter(recipient=table.municipal).exists()
    with pytest.raises(PermissionDenied):
        services.action_item_complete(actor=table.health, item=item)
    done = services.action_item_complete(actor=table.municipal, item=item)
    assert done.done and done.done_at is not None


def test_my_action_items_are_those_i_carry_and_have_not_done(table):
    for n in range(3):
        services.action_item_add(
            actor=SYSTEM,
            meeting=table.meeting,
            data=services.ActionItemData(
                person=table.municipal.person,
                text=f"Suivi {n}",
                due_date=moment(10 - n).date(),
            ),
        )
    services.action_item_complete(actor=SYSTEM, item=table.meeting.action_items.get(text="Suivi 0"))
    mine = selectors.my_action_items(viewer=table.municipal)
    assert [i.text for i in mine.items] == ["Suivi 2", "Suivi 1"]
    assert selectors.my_action_items(viewer=table.health).items == []


def test_a_guest_sees_the_meetings_of_their_workstream_only(table):
    from maillage.governance.tests.factories import WorkstreamFactory

    workstream = WorkstreamFactory(sponsors=[table.circle])
    guest = guest_of(workstream)
    meeting = services.meeting_plan(
        actor=SYSTEM,
        group=workstream,
        data=services.MeetingData(
            title="Chantier", starts_at=moment(2), ends_at=moment(2, 15), place="Ici"
        ),
    )
    assert selectors.meeting_detail(viewer=guest, pk=meeting.pk) is not None
    assert selectors.meeting_detail(viewer=guest, pk=table.meeting.pk) is None
    assert selectors.meeting_detail(viewer=user_with_role(Role.CITIZEN), pk=meeting.pk) is None
    assert list(selectors.group_meetings(viewer=guest, group=table.circle)) == []
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(hours=2)
