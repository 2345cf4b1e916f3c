"""The influence trail as data, on the core workflow engine (`maillage.core.workflows`).

Workflow roles (`rules.trail_roles` says which an actor holds for an input):

- ``router``: a member of the circle or workstream the input is routed to (or, unrouted, of the
  group that owns the consultation);
- ``staff``: coordination staff and administrators.

The public labels are the ones contributors read; "taken up" needs the decision process or
register entry that took the input up, "not retained" a reason (`services.trail`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.workflows import State, Transition, Workflow
from maillage.participation.models import TrailStatus

ROUTER = "router"
STAFF = "staff"

# Facets of a state: the input is still waiting for an answer of its group.
AWAITING = "awaiting"
CLOSED = "closed"

_ANSWERERS = frozenset({ROUTER, STAFF})

TRAIL = Workflow(
    key="influence_trail",
    initial=TrailStatus.RECEIVED,
    states=(
        State(
            TrailStatus.RECEIVED,
            TrailStatus.RECEIVED.label,
            _("Received, waiting to be studied"),
            tags=frozenset({AWAITING}),
        ),
        State(
            TrailStatus.UNDER_STUDY,
            TrailStatus.UNDER_STUDY.label,
            _("Being studied by the circle"),
            tags=frozenset({AWAITING}),
        ),
        State(TrailStatus.TAKEN_UP, TrailStatus.TAKEN_UP.label),
        State(TrailStatus.DONE, TrailStatus.DONE.label, tags=frozenset({CLOSED})),
        State(TrailStatus.NOT_RETAINED, TrailStatus.NOT_RETAINED.label, tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition(
            "study",
            _("Put under study"),
            (TrailStatus.RECEIVED,),
            TrailStatus.UNDER_STUDY,
            _ANSWERERS,
        ),
        Transition(
            "take_up",
            _("Taken up in a decision"),
            (TrailStatus.RECEIVED, TrailStatus.UNDER_STUDY),
            TrailStatus.TAKEN_UP,
            _ANSWERERS,
        ),
        Transition(
            "complete", _("Mark as done"), (TrailStatus.TAKEN_UP,), TrailStatus.DONE, _ANSWERERS
        ),
        Transition(
            "decline",
            _("Not retained"),
            (TrailStatus.RECEIVED, TrailStatus.UNDER_STUDY),
            TrailStatus.NOT_RETAINED,
            _ANSWERERS,
        ),
        Transition(
            "reopen",
            _("Study again"),
            (TrailStatus.NOT_RETAINED,),
            TrailStatus.UNDER_STUDY,
            _ANSWERERS,
        ),
    ),
    refusals={
        _ANSWERERS: _(
            "Only the members of the circle or workstream this input is routed to, and the "
            "coordination staff, may answer it (%(transition)s)."
        ),
    },
)
