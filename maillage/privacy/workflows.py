"""The requests' workflow (`models.Request.status`), as data: received → in progress →
completed, or refused with a reason. The handlers (`rules.requests.may_handle`) fire every
transition; the platform fires them too (a deletion completed by the retention rule)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.workflows import State, Transition, Workflow

HANDLER = "handler"
# States in which a request still awaits its answer (the queue, the deadline, the reminders).
OPEN = "open"
_OPEN = frozenset({OPEN})
_HANDLER = frozenset({HANDLER})

REQUEST = Workflow(
    key="privacy_request",
    initial="received",
    states=(
        State("received", _("Received"), tags=_OPEN),
        State("in_progress", _("In progress"), tags=_OPEN),
        State("completed", _("Completed")),
        State("refused", _("Refused")),
    ),
    transitions=(
        Transition("start", _("Start handling it"), ("received",), "in_progress", _HANDLER),
        Transition(
            "complete", _("Mark it completed"), ("received", "in_progress"), "completed", _HANDLER
        ),
        Transition("refuse", _("Refuse it"), ("received", "in_progress"), "refused", _HANDLER),
    ),
    refusals={
        _HANDLER: _(
            "Only the person in charge of personal information, the administrators and the "
            "coordination staff may do this: “%(transition)s”."
        )
    },
)


# A copy of "my data" (`models.DataCopy`), made by a task: being prepared, then ready to download
# until it expires, or failed. Only the platform fires its transitions.
PLATFORM = "platform"  # a role nobody holds: only the platform itself (roles=None) fires these
READY = "ready"  # the state in which a copy may be downloaded
_PLATFORM = frozenset({PLATFORM})

DATA_COPY = Workflow(
    key="my_data_copy",
    initial="preparing",
    states=(
        State("preparing", _("Being prepared")),
        State(READY, _("Ready")),
        State("failed", _("Failed")),
    ),
    transitions=(
        Transition("finish", _("Finish"), ("preparing",), READY, _PLATFORM),
        Transition("fail", _("Fail"), ("preparing",), "failed", _PLATFORM),
    ),
)
