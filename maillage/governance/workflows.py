"""State machines of the governance app, declared as data.

State keys are stored in the database and never change; labels may be reworded freely. Each
transition lists who may fire it:

- ``staff``: coordination staff and administrators (platform role);
- ``lead``: whoever currently holds the lead role (*premier lien*) of the workstream.

Services fire transitions (``services.workstream_transition``), which checks the actor against
``allowed`` and records an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STAFF = "staff"
LEAD = "lead"


@dataclass(frozen=True)
class State:
    key: str
    label: Promise
    # A running state: the workstream works, takes members and invitations, and its sunset date
    # is watched.
    running: bool = True


@dataclass(frozen=True)
class Transition:
    key: str
    label: Promise
    sources: tuple[str, ...]
    target: str
    allowed: frozenset[str]


@dataclass(frozen=True)
class Workflow:
    key: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]

    def __post_init__(self) -> None:
        keys = {s.key for s in self.states}
        assert self.initial in keys, f"{self.key}: unknown initial state {self.initial}"
        for t in self.transitions:
            assert t.target in keys, f"{self.key}.{t.key}: unknown target {t.target}"
            assert set(t.sources) <= keys, f"{self.key}.{t.key}: unknown source"
        assert len({t.key for t in self.transitions}) == len(self.transitions)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.states]

    @property
    def choices(self) -> list[tuple[str, Promise]]:
        return [(s.key, s.label) for s in self.states]

    def state(self, key: str) -> State:
        for state in self.states:
            if state.key == key:
                return state
        raise KeyError(key)

    def transition(self, key: str) -> Transition:
        for transition in self.transitions:
            if transition.key == key:
                return transition
        raise KeyError(key)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    @property
    def running_states(self) -> list[str]:
        return [s.key for s in self.states if s.running]


WORKSTREAM = Workflow(
    key="workstream",
    initial="proposed",
    states=(
        State("proposed", _("Proposed")),
        State("active", _("Active")),
        State("paused", _("Paused")),
        State("completed", _("Completed"), running=False),
        State("closed", _("Closed"), running=False),
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
)
