"""State machines declared as data, shared by every app that has a process.

A workflow is a set of states and transitions. State keys are stored in the database and never
change; labels may be reworded freely. Each state has an internal label (for staff) and a public
label (for applicants and citizens, who must never see internal steps: several internal states may
share one public label). Each transition lists the workflow roles allowed to fire it; the app
decides which roles an actor holds for an object (e.g. governance's `rules.workflow_roles`).

Services fire transitions through `Workflow.check`, which answers with the transition or refuses
with a translated reason, then change the state and write their audit event.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class State:
    key: str
    label: Promise
    public_label: Promise | None = None
    # App-defined facets of a state ("running", "open", "terminal"…), read by `keys_tagged`.
    tags: frozenset[str] = frozenset()

    @property
    def public(self) -> Promise:
        return self.public_label if self.public_label is not None else self.label


@dataclass(frozen=True)
class Transition:
    key: str
    label: Promise
    sources: tuple[str, ...]
    target: str
    allowed: frozenset[str]
    # Why an actor without an allowed role is refused; `%(transition)s` is the label. When None,
    # the workflow's `refusals` entry for `allowed` is used.
    refusal: Promise | None = None


class TransitionNotAllowed(PermissionDenied):
    """The actor holds none of the roles the transition needs."""


@dataclass(frozen=True)
class Workflow:
    key: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    # The reason of a refusal for each set of allowed roles (with `%(transition)s`).
    refusals: Mapping[frozenset[str], Promise] = field(default_factory=dict)
    # The form field that names the transition, where a validation error is shown.
    field: str = "transition"

    def __post_init__(self) -> None:
        keys = [s.key for s in self.states]
        problems = []
        if len(set(keys)) != len(keys):
            problems.append("duplicate state keys")
        if self.initial not in keys:
            problems.append(f"unknown initial state {self.initial}")
        names = [t.key for t in self.transitions]
        if len(set(names)) != len(names):
            problems.append("duplicate transition keys")
        for t in self.transitions:
            if t.target not in keys or not set(t.sources) <= set(keys):
                problems.append(f"{t.key}: unknown state")
            if not t.allowed:
                problems.append(f"{t.key}: nobody may fire it")
        if problems:
            raise ValueError(f"workflow {self.key}: " + "; ".join(problems))

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.states]

    @property
    def choices(self) -> list[tuple[str, Promise]]:
        """Internal labels, for staff's forms and the database field's choices."""
        return [(s.key, s.label) for s in self.states]

    @property
    def public_choices(self) -> list[tuple[str, Promise]]:
        """Public labels, each once, for filters shown to applicants and citizens."""
        seen: dict[str, tuple[str, Promise]] = {}
        for s in self.states:
            seen.setdefault(str(s.public), (s.key, s.public))
        return list(seen.values())

    def state(self, key: str) -> State:
        for state in self.states:
            if state.key == key:
                return state
        raise KeyError(key)

    def label(self, key: str, *, public: bool = False) -> Promise:
        state = self.state(key)
        return state.public if public else state.label

    def keys_tagged(self, tag: str) -> list[str]:
        return [s.key for s in self.states if tag in s.tags]

    def transition(self, key: str) -> Transition:
        for transition in self.transitions:
            if transition.key == key:
                return transition
        raise KeyError(key)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def available(self, state: str, roles: Collection[str]) -> list[Transition]:
        """The transitions an actor holding `roles` may fire from `state`."""
        return [t for t in self.transitions_from(state) if t.allowed & set(roles)]

    def check(self, key: str, *, state: str, roles: Collection[str] | None) -> Transition:
        """The transition `key` if it may be fired from `state` by an actor holding `roles`.

        `roles=None` is the platform itself, which may fire any transition from its sources.
        Raises ValidationError (at `field`) for an unknown transition or a wrong state, and
        `TransitionNotAllowed` (a PermissionDenied) with the translated reason otherwise.
        """
        try:
            step = self.transition(key)
        except KeyError:
            raise ValidationError(
                {self.field: _("Unknown transition: %(key)s.") % {"key": key}}
            ) from None
        if state not in step.sources:
            raise ValidationError(
                {
                    self.field: _("“%(transition)s” is not possible from the status “%(status)s”.")
                    % {"transition": step.label, "status": self.state(state).label}
                }
            )
        if roles is not None and not step.allowed & set(roles):
            reason = step.refusal or self.refusals.get(step.allowed) or _("You may not do this.")
            raise TransitionNotAllowed(str(reason) % {"transition": step.label})
        return step


# The import job (`models.ImportJob`): checked by a task without applying anything, confirmed by
# the person who uploaded the file, then applied by a task, all or nothing. The platform (a task)
# fires every transition but the confirmation.
UPLOADER = "uploader"
PLATFORM = "platform"  # a role nobody holds: only the platform itself (roles=None) fires these
# States in which a task is at work: the report page follows them.
WORKING = "working"
_WORKING = frozenset({WORKING})
_PLATFORM = frozenset({PLATFORM})

IMPORT_JOB = Workflow(
    key="import_job",
    initial="uploaded",
    states=(
        State("uploaded", _("Uploaded"), tags=_WORKING),
        State("checking", _("Being checked"), tags=_WORKING),
        State("checked", _("Checked, waiting for confirmation")),
        State("invalid", _("Refused: errors in the file")),
        State("applying", _("Being imported"), tags=_WORKING),
        State("applied", _("Imported")),
        State("failed", _("Failed: nothing was imported")),
    ),
    transitions=(
        Transition("check", _("Check"), ("uploaded",), "checking", _PLATFORM),
        Transition("accept", _("Accept"), ("checking",), "checked", _PLATFORM),
        Transition("refuse", _("Refuse"), ("checking",), "invalid", _PLATFORM),
        Transition(
            "confirm", _("Confirm the import"), ("checked",), "applying", frozenset({UPLOADER})
        ),
        Transition("finish", _("Finish"), ("applying",), "applied", _PLATFORM),
        Transition("fail", _("Fail"), ("uploaded", "checking", "applying"), "failed", _PLATFORM),
    ),
    refusals={
        frozenset({UPLOADER}): _(
            "Only the person who uploaded the file may do this: “%(transition)s”."
        ),
        _PLATFORM: _("Only the platform does this: “%(transition)s”."),
    },
)
