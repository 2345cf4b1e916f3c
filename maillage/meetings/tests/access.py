"""Permission matrix of the meetings' pages (see tests/matrix.py).

The sample meeting belongs to the governance sample's circle; the sample accounts hold no role
in it, run no meeting and are invited to none: partner members read it, staff run it, and
nobody but an invited person answers its invitation.
"""

from __future__ import annotations

from types import SimpleNamespace

from maillage.core.permissions import SYSTEM
from maillage.meetings import services
from maillage.meetings.tests.factories import moment
from maillage.network.tests.factories import PersonFactory
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    meeting = services.meeting_plan(
        actor=SYSTEM,
        group=data.gov_circle,
        data=services.MeetingData(
            title="Rencontre témoin",
            starts_at=moment(5),
            ends_at=moment(5, 15),
            place="Salle témoin",
        ),
    )
    data.meeting = meeting
    data.meeting_item = services.agenda_item_add(
        actor=SYSTEM, meeting=meeting, data=services.AgendaItemData(title="Point témoin")
    )
    data.meeting_action = services.action_item_add(
        actor=SYSTEM,
        meeting=meeting,
        data=services.ActionItemData(person=PersonFactory(), text="Suivi témoin"),
    )


meeting = {"kwargs": lambda d: {"pk": d.meeting.pk}}
circle = {"kwargs": lambda d: {"slug": d.gov_circle.slug}}
workstream = {"kwargs": lambda d: {"slug": d.gov_workstream.slug}}

ACCESS = {
    # Everyone logged in: the list shows each only the meetings they may read.
    "meetings:meeting_list": Expect.authenticated(),
    # Inside circles and workstreams: partner members, staff (a workstream's own participants
    # too, none among the sample accounts).
    "meetings:circle_meetings": Expect.members(**circle),
    "meetings:workstream_meetings": Expect.members(**workstream),
    "meetings:meeting_detail": Expect.members(**meeting),
    "meetings:meeting_ics": Expect.members(**meeting),
    # The minutes of the sample meeting are not made: a 404 for those who may read them.
    "meetings:minutes_download": Expect.members(404, **meeting),
    # Staff (and the group's lead link, the meeting's facilitator and secretary).
    "meetings:circle_meeting_create": Expect.staff(**circle),
    "meetings:workstream_meeting_create": Expect.staff(**workstream),
    "meetings:meeting_amend": Expect.staff(**meeting),
    "meetings:meeting_attendance": Expect.staff(**meeting),
    "meetings:agenda_item_add": Expect.staff(**meeting),
    "meetings:agenda_item_amend": Expect.staff(kwargs=lambda d: {"pk": d.meeting_item.pk}),
    "meetings:action_item_add": Expect.staff(**meeting),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "meetings:meeting_transition": Expect.members(405, **meeting),
    "meetings:meeting_invite": Expect.staff(405, **meeting),
    "meetings:minutes_make": Expect.staff(405, **meeting),
    "meetings:action_item_done": Expect.staff(405, kwargs=lambda d: {"pk": d.meeting_action.pk}),
    # Only the invited answer: none of the sample accounts is.
    "meetings:meeting_rsvp": Expect.of(LOGIN, 403, 403, 403, 403, 403, **meeting),
}
