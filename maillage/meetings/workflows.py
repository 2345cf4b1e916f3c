"""The meeting's state machine, declared as data on the core engine (`maillage.core.workflows`).

planned → held → minutes adopted; planned → cancelled. The minutes of a held meeting are
adopted at the next meeting of its circle or workstream.

Workflow roles (`rules.workflow_roles` says which an actor holds for a meeting):

- ``staff``: coordination staff and administrators;
- ``lead``: the holder of the lead role (*premier lien*) of the meeting's circle or workstream;
- ``facilitator``: the meeting's facilitator or secretary.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.workflows import State, Transition, Workflow

STAFF = "staff"
LEAD = "lead"
FACILITATOR = "facilitator"

# States in which the meeting is still to come: its invitations and agenda change.
COMING = "coming"
# States in which it took place: attendance, notes, action items and minutes.
HELD = "held"

_RUNS = frozenset({STAFF, LEAD, FACILITATOR})

MEETING = Workflow(
    key="meeting",
    initial="planned",
    states=(
        State("planned", _("Planned"), tags=frozenset({COMING})),
        State("held", _("Held"), tags=frozenset({HELD})),
        State("minutes_adopted", _("Minutes adopted"), tags=frozenset({HELD})),
        State("cancelled", _("Cancelled")),
    ),
    transitions=(
        Transition("hold", _("Mark as held"), ("planned",), "held", _RUNS),
        Transition("cancel", _("Cancel the meeting"), ("planned",), "cancelled", _RUNS),
        Transition("adopt_minutes", _("Adopt the minutes"), ("held",), "minutes_adopted", _RUNS),
    ),
    refusals={
        _RUNS: _(
            "Only coordination staff, the lead link of the circle or workstream, or the "
            "meeting's facilitator or secretary may do this: “%(transition)s”."
        ),
    },
)

COMING_STATES = MEETING.keys_tagged(COMING)
HELD_STATES = MEETING.keys_tagged(HELD)
