"""Every transition of the meeting's workflow, who may fire it, and from where it is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.workflows import TransitionNotAllowed
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory
from maillage.meetings import services, workflows
from maillage.meetings.models import Meeting
from maillage.meetings.tests.factories import moment


def past(meeting: Meeting) -> Meeting:
    """The meeting moved to last week, so that it can be held."""
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=moment(-7), ends_at=moment(-7) + dt.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def fire(actor, meeting, transition):
    return services.meeting_transition(actor=actor, meeting=meeting, transition=transition)


def with_minutes(meeting: Meeting) -> Meeting:
    meeting.minutes.save("pv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return meeting


def test_the_workflow_declares_the_states_and_transitions_of_a_meeting():
    assert workflows.MEETING.keys == ["planned", "held", "minutes_adopted", "cancelled"]
    assert workflows.COMING_STATES == ["planned"]
    assert workflows.HELD_STATES == ["held", "minutes_adopted"]


def test_staff_hold_a_meeting_that_started_and_adopt_its_minutes_at_the_next_one(
    table, memory_storage
):
    staff = user_with_role(Role.STAFF)
    meeting = past(table.meeting)
    held = fire(staff, meeting, "hold")
    assert held.state == "held" and held.state_changed_at is not None
    with pytest.raises(ValidationError, match="Produisez le procès-verbal"):
        fire(staff, held, "adopt_minutes")
    with_minutes(held)
    with pytest.raises(ValidationError, match="planifiez-la"):
        fire(staff, held, "adopt_minutes")
    following = services.meeting_plan(
        actor=SYSTEM,
        group=table.circle,
        data=services.MeetingData(
            title="Rencontre suivante", starts_at=moment(20), ends_at=moment(20, 15), place="Ici"
        ),
    )
    adopted = fire(staff, held, "adopt_minutes")
    assert adopted.state == "minutes_adopted"
    assert adopted.minutes_adopted_at == following


def test_a_meeting_not_started_yet_cannot_be_held(table):
    with pytest.raises(ValidationError, match="une fois commencée"):
        fire(user_with_role(Role.STAFF), table.meeting, "hold")
    table.meeting.refresh_from_db()
    assert table.meeting.state == "planned"


def test_the_facilitator_and_the_lead_link_cancel_a_meeting(table):
    assert fire(table.community, table.meeting, "cancel").state == "cancelled"
    lead = RoleFactory(circle=table.circle, kind="lead", name="Premier lien")
    RoleAssignmentFactory(role=lead, person=table.municipal.person)
    other = services.meeting_plan(
        actor=SYSTEM,
        group=table.circle,
        data=services.MeetingData(
            title="Autre", starts_at=moment(9), ends_at=moment(9, 15), place="Ici"
        ),
    )
    assert fire(table.municipal, other, "cancel").state == "cancelled"


@pytest.mark.parametrize("transition", ["hold", "cancel"])
def test_a_member_who_does_not_run_the_meeting_may_fire_no_transition(table, transition):
    with translation.override("en"), pytest.raises(TransitionNotAllowed, match="facilitator"):
        fire(table.municipal, past(table.meeting), transition)
    table.meeting.refresh_from_db()
    assert table.meeting.state == "planned"


def test_a_citizen_may_not_even_see_the_meeting(table):
    with pytest.raises(PermissionDenied):
        fire(user_with_role(Role.CITIZEN), table.meeting, "cancel")


@pytest.mark.parametrize(
    ("state", "transition"),
    [
        ("held", "hold"),
        ("held", "cancel"),
        ("minutes_adopted", "hold"),
        ("minutes_adopted", "cancel"),
        ("minutes_adopted", "adopt_minutes"),
        ("cancelled", "hold"),
        ("cancelled", "adopt_minutes"),
        ("cancelled", "cancel"),
        ("planned", "adopt_minutes"),
    ],
)
def test_transitions_are_refused_from_the_wrong_state(table, state, transition):
    Meeting.objects.filter(pk=table.meeting.pk).update(state=state)
    table.meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="est impossible"):
        fire(SYSTEM, past(table.meeting), transition)
    table.meeting.refresh_from_db()
    assert table.meeting.state == state


def test_every_transition_is_audited(table):
    from maillage.core.models import AuditEvent

    fire(SYSTEM, table.meeting, "cancel")
    event = AuditEvent.objects.filter(verb="meeting.transition").get()
    assert event.payload == {"transition": "cancel", "from": "planned", "to": "cancelled"}
