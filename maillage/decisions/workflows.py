"""State machines of the decisions app, declared as data on the core engine
(`maillage.core.workflows`).

Workflow roles (`rules.workflow_roles` says which an actor holds for a process):

- ``proposer``: who started the process;
- ``facilitator``: the account named to facilitate it;
- ``lead``: the holder of the lead role (*premier lien*) of its circle or workstream;
- ``staff``: coordination staff and administrators;
- ``platform``: nobody; only the platform itself (a task at the deadline) fires these alone.

Closing a consent round fires `consent` when no voice objects and `object` otherwise
(`services.consent_round_close`); at the deadline the platform closes it the same way.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.core.workflows import PLATFORM, State, Transition, Workflow

PROPOSER = "proposer"
FACILITATOR = "facilitator"
LEAD = "lead"
STAFF = "staff"

# Facets of a state: a round is running (the page follows it), the process is over.
ROUND = "round"
CLOSED = "closed"
EDITABLE = "editable"  # the proposal may be amended and its changes edited

_DRIVERS = frozenset({FACILITATOR, STAFF})
_OWNERS = frozenset({PROPOSER, FACILITATOR, STAFF})
_CLOSERS = frozenset({FACILITATOR, STAFF, PLATFORM})
_ESCALATORS = frozenset({FACILITATOR, LEAD, STAFF})
_RUNNING = ("presented", "clarifying", "reactions", "amended", "consent_round", "integrating")

CONSENT = Workflow(
    key="consent",
    initial="draft",
    states=(
        State("draft", _("Draft"), tags=frozenset({EDITABLE})),
        State("presented", _("Presented")),
        State("clarifying", _("Clarifying questions"), tags=frozenset({ROUND})),
        State("reactions", _("Quick reactions"), tags=frozenset({ROUND})),
        State("amended", _("Amended"), tags=frozenset({EDITABLE})),
        State("consent_round", _("Consent round"), tags=frozenset({ROUND})),
        State("integrating", _("Integrating objections"), tags=frozenset({EDITABLE})),
        State("consented", _("Consented"), tags=frozenset({CLOSED})),
        State("withdrawn", _("Withdrawn"), tags=frozenset({CLOSED})),
        State("escalated", _("Escalated to the parent circle"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("present", _("Present the proposal"), ("draft",), "presented", _OWNERS),
        Transition(
            "open_clarifying",
            _("Open the clarifying questions"),
            ("presented",),
            "clarifying",
            _DRIVERS,
        ),
        Transition(
            "open_reactions",
            _("Open the quick reactions"),
            ("clarifying",),
            "reactions",
            _DRIVERS,
        ),
        Transition(
            "amend",
            _("Amend the proposal"),
            ("reactions", "integrating"),
            "amended",
            _OWNERS,
        ),
        Transition(
            "open_consent",
            _("Open the consent round"),
            ("reactions", "amended", "integrating"),
            "consent_round",
            _DRIVERS,
        ),
        Transition("consent", _("Record the consent"), ("consent_round",), "consented", _CLOSERS),
        Transition(
            "object",
            _("Go to the integration of objections"),
            ("consent_round",),
            "integrating",
            _CLOSERS,
        ),
        Transition(
            "withdraw", _("Withdraw the proposal"), ("draft", *_RUNNING), "withdrawn", _OWNERS
        ),
        Transition(
            "escalate",
            _("Escalate to the parent circle"),
            _RUNNING,
            "escalated",
            _ESCALATORS,
        ),
    ),
    refusals={
        _OWNERS: _(
            "Only the proposer, the facilitator or coordination staff may do this: "
            "“%(transition)s”."
        ),
        _DRIVERS: _("Only the facilitator or coordination staff may do this: “%(transition)s”."),
        _CLOSERS: _("Only the facilitator or coordination staff may do this: “%(transition)s”."),
        _ESCALATORS: _(
            "Only the facilitator, the lead link of the circle or workstream, or coordination "
            "staff may do this: “%(transition)s”."
        ),
    },
)

# A poll (`models.Poll`): prepared in draft, scheduled to open at its opening time (the platform
# opens it then) or opened at once, closed by the facilitator or, at its closing time, by the
# platform; withdrawn before it closes. Votes are taken while it is open only.
_OPENERS = frozenset({PROPOSER, FACILITATOR, STAFF, PLATFORM})
_POLL_OWNERS = frozenset({PROPOSER, FACILITATOR, STAFF})

POLL = Workflow(
    key="poll",
    initial="draft",
    states=(
        State("draft", _("Draft"), tags=frozenset({EDITABLE})),
        State("scheduled", _("Scheduled")),
        State("open", _("Open for votes")),
        State("closed", _("Closed"), tags=frozenset({CLOSED})),
        State("withdrawn", _("Withdrawn"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("schedule", _("Schedule the opening"), ("draft",), "scheduled", _POLL_OWNERS),
        Transition("open", _("Open the poll"), ("draft", "scheduled"), "open", _OPENERS),
        Transition("close", _("Close the poll"), ("open",), "closed", _CLOSERS),
        Transition(
            "withdraw",
            _("Withdraw the poll"),
            ("draft", "scheduled", "open"),
            "withdrawn",
            _POLL_OWNERS,
        ),
    ),
    refusals={
        _POLL_OWNERS: _(
            "Only the proposer, the facilitator or coordination staff may do this: "
            "“%(transition)s”."
        ),
        _OPENERS: _(
            "Only the proposer, the facilitator or coordination staff may do this: "
            "“%(transition)s”."
        ),
        _CLOSERS: _("Only the facilitator or coordination staff may do this: “%(transition)s”."),
    },
)


# The election without candidates (sociocratic election): the role and its term are chosen in
# draft; each participant names someone with a reason (nobody stands as a candidate), the
# reasons are read out, each may change their nomination, the facilitator proposes someone and
# the consent round on that proposal either elects them (the role is assigned with its term
# end) or, on an objection, sends the election back to a new proposal.
_ELECTORS = frozenset({FACILITATOR, STAFF, PLATFORM})
_ELECTION_RUNNING = ("nominating", "nomination_round", "change_round", "proposing", "consenting")

ELECTION = Workflow(
    key="election",
    initial="draft",
    states=(
        State("draft", _("Role and term chosen")),
        State("nominating", _("Nominations")),
        State("nomination_round", _("Nomination round")),
        State("change_round", _("Change round")),
        State("proposing", _("Proposal")),
        State("consenting", _("Consent round on the proposal"), tags=frozenset({ROUND})),
        State("elected", _("Elected"), tags=frozenset({CLOSED})),
        State("withdrawn", _("Withdrawn"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition(
            "open_nominations", _("Open the nominations"), ("draft",), "nominating", _OWNERS
        ),
        Transition(
            "read_nominations",
            _("Read the nominations out"),
            ("nominating",),
            "nomination_round",
            _DRIVERS,
        ),
        Transition(
            "open_changes",
            _("Open the change round"),
            ("nomination_round",),
            "change_round",
            _DRIVERS,
        ),
        Transition(
            "close_changes", _("Close the change round"), ("change_round",), "proposing", _DRIVERS
        ),
        Transition("propose", _("Propose someone"), ("proposing",), "consenting", _DRIVERS),
        Transition("elect", _("Elect the person proposed"), ("consenting",), "elected", _ELECTORS),
        Transition(
            "object",
            _("Back to a new proposal (objection)"),
            ("consenting",),
            "proposing",
            _ELECTORS,
        ),
        Transition(
            "withdraw",
            _("Withdraw the election"),
            ("draft", *_ELECTION_RUNNING),
            "withdrawn",
            _OWNERS,
        ),
    ),
    refusals={
        _OWNERS: _(
            "Only the proposer, the facilitator or coordination staff may do this: "
            "“%(transition)s”."
        ),
        _DRIVERS: _("Only the facilitator or coordination staff may do this: “%(transition)s”."),
        _ELECTORS: _("Only the facilitator or coordination staff may do this: “%(transition)s”."),
    },
)

# The advice process: the decision-maker (its proposer) asks named people and circles for
# advice by a date, each gives it (or the decision-maker records advice given offline), then the
# decision-maker decides and says how the advice was weighed.
_DECIDER = frozenset({PROPOSER})
_ADVICE_OWNERS = frozenset({PROPOSER, STAFF})

ADVICE = Workflow(
    key="advice",
    initial="draft",
    states=(
        State("draft", _("Draft")),
        State("seeking", _("Seeking advice")),
        State("decided", pgettext_lazy("state of a process", "Decided"), tags=frozenset({CLOSED})),
        State("withdrawn", _("Withdrawn"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("ask", _("Ask for advice"), ("draft",), "seeking", _ADVICE_OWNERS),
        Transition("decide", _("Record the decision"), ("seeking",), "decided", _DECIDER),
        Transition(
            "withdraw",
            _("Withdraw the proposal"),
            ("draft", "seeking"),
            "withdrawn",
            _ADVICE_OWNERS,
        ),
    ),
    refusals={
        _DECIDER: _("Only the decision-maker who asked for advice may do this: “%(transition)s”."),
        _ADVICE_OWNERS: _(
            "Only the decision-maker who asked for advice or coordination staff may do this: "
            "“%(transition)s”."
        ),
    },
)

WORKFLOWS = {flow.key: flow for flow in (CONSENT, POLL, ELECTION, ADVICE)}

ROUND_STATES = CONSENT.keys_tagged(ROUND)
# Over every kind: a closed process of any kind takes no answer any more.
CLOSED_STATES = sorted({key for flow in WORKFLOWS.values() for key in flow.keys_tagged(CLOSED)})
EDITABLE_STATES = CONSENT.keys_tagged(EDITABLE)
# Whose round the transition opens.
OPENS = {"open_clarifying": "clarifying", "open_reactions": "reactions", "open_consent": "consent"}
