"""State machines of the governance app, declared as data on the core engine
(`maillage.core.workflows`).

Workflow roles:

- ``staff``: coordination staff and administrators (platform role);
- ``lead``: whoever currently holds the lead role (*premier lien*) of the workstream.

`rules.workflow_roles` says which of them an actor holds for a workstream; services fire
transitions (`services.workstream_transition`) through `WORKSTREAM.check`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.workflows import State, Transition, Workflow

STAFF = "staff"
LEAD = "lead"

# A running workstream works, takes members and invitations, and its sunset date is watched.
RUNNING = "running"
_RUNNING = frozenset({RUNNING})

WORKSTREAM = Workflow(
    key="workstream",
    initial="proposed",
    states=(
        State("proposed", _("Proposed"), tags=_RUNNING),
        State("active", _("Active"), tags=_RUNNING),
        State("paused", _("Paused"), tags=_RUNNING),
        State("completed", _("Completed")),
        State("closed", _("Closed")),
    ),
    transitions=(
        Transition("launch", _("Launch"), ("proposed",), "active", frozenset({STAFF})),
        Transition("pause", _("Pause"), ("active",), "paused", frozenset({STAFF, LEAD})),
        Transition("resume", _("Resume"), ("paused",), "active", frozenset({STAFF, LEAD})),
        Transition(
            "complete",
            _("Mark as completed"),
            ("active", "paused"),
            "completed",
            frozenset({STAFF, LEAD}),
        ),
        Transition("reopen", _("Reopen"), ("completed",), "active", frozenset({STAFF})),
        Transition("close", _("Close"), ("completed",), "closed", frozenset({STAFF})),
        Transition("abandon", _("Abandon"), ("proposed", "paused"), "closed", frozenset({STAFF})),
    ),
    refusals={
        frozenset({STAFF}): _("Only coordination staff may do this: “%(transition)s”."),
        frozenset({STAFF, LEAD}): _(
            "Only coordination staff or the workstream's lead link may do this: “%(transition)s”."
        ),
    },
)

RUNNING_STATES = WORKSTREAM.keys_tagged(RUNNING)
