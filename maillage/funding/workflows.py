"""State machines of the funding app, declared as data on the core engine
(`maillage.core.workflows`).

Workflow roles (`rules.workflow_roles` says which an actor holds for an object):

- ``applicant``: a person who may edit the applying organization's applications (an account
  tied to a person with an open function or seat in the organization, or who started it);
- ``staff``: coordination staff and administrators;
- ``platform``: nobody; only the platform itself fires these alone (a decision taken, a
  report accepted, a date reached).

Applicants and citizens read the public labels only: the internal steps of the analysis
(screening, review, recommendation) all read "Under analysis" for them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.workflows import PLATFORM, State, Transition, Workflow

APPLICANT = "applicant"
STAFF = "staff"

# Facets of a state.
EDITABLE = "editable"  # the applicant may change the application
SUBMITTED = "submitted"  # in the hands of the staff and the committee
FUNDED = "funded"  # money is committed to it
CLOSED = "closed"  # nothing happens to it any more
ACCEPTING = "accepting"  # a call that takes applications

_STAFF = frozenset({STAFF})
_DECIDERS = frozenset({STAFF, PLATFORM})
_APPLICANTS = frozenset({APPLICANT})
_EITHER = frozenset({APPLICANT, STAFF})

CALL = Workflow(
    key="funding_call",
    initial="draft",
    states=(
        State("draft", _("Draft")),
        State("published", _("Published"), tags=frozenset({ACCEPTING})),
        State("closed", _("Closed to applications")),
        State("archived", _("Archived"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("publish", _("Publish the call"), ("draft", "closed"), "published", _STAFF),
        Transition("close", _("Close the call"), ("published",), "closed", _DECIDERS),
        Transition("archive", _("Archive the call"), ("draft", "closed"), "archived", _STAFF),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _DECIDERS: _("Only coordination staff may do this: “%(transition)s”."),
    },
)

_UNDER_ANALYSIS = _("Under analysis")

APPLICATION = Workflow(
    key="funding_application",
    initial="draft",
    states=(
        State("draft", _("Draft"), tags=frozenset({EDITABLE})),
        # Two-step calls: the intention was retained, the full application is being written.
        State(
            "invited",
            _("Invited to submit the full application"),
            tags=frozenset({EDITABLE}),
        ),
        State("submitted", _("Submitted"), tags=frozenset({SUBMITTED})),
        State("screening", _("Screening"), _UNDER_ANALYSIS, tags=frozenset({SUBMITTED})),
        State(
            "more_information",
            _("More information requested"),
            tags=frozenset({EDITABLE}),
        ),
        State("in_review", _("In review"), _UNDER_ANALYSIS, tags=frozenset({SUBMITTED})),
        State(
            "recommended",
            _("Recommendation before the committee"),
            _UNDER_ANALYSIS,
            tags=frozenset({SUBMITTED}),
        ),
        State("accepted", _("Accepted"), tags=frozenset({FUNDED})),
        State("waiting_list", _("Waiting list"), tags=frozenset({SUBMITTED})),
        State("declined", _("Declined"), tags=frozenset({CLOSED})),
        State("ineligible", _("Not eligible"), tags=frozenset({CLOSED})),
        State("withdrawn", _("Withdrawn"), tags=frozenset({CLOSED})),
        State("completed", _("Project completed"), tags=frozenset({FUNDED, CLOSED})),
    ),
    transitions=(
        Transition(
            "submit", _("Submit the application"), ("draft", "invited"), "submitted", _APPLICANTS
        ),
        Transition(
            "resubmit",
            _("Submit the revised application"),
            ("more_information",),
            "submitted",
            _APPLICANTS,
        ),
        Transition("screen", _("Start the screening"), ("submitted",), "screening", _STAFF),
        Transition(
            "ask_more_information",
            _("Ask for more information"),
            ("screening", "in_review"),
            "more_information",
            _STAFF,
        ),
        Transition(
            "invite",
            _("Invite to submit the full application"),
            ("screening",),
            "invited",
            _STAFF,
        ),
        Transition(
            "qualify", _("Send to the review committee"), ("screening",), "in_review", _STAFF
        ),
        Transition(
            "reject_ineligible", _("Declare not eligible"), ("screening",), "ineligible", _STAFF
        ),
        Transition(
            "recommend",
            _("Put before the committee"),
            ("in_review", "waiting_list"),
            "recommended",
            _STAFF,
        ),
        Transition(
            "accept",
            _("Accept"),
            ("recommended", "waiting_list"),
            "accepted",
            _DECIDERS,
        ),
        Transition("decline", _("Decline"), ("recommended", "waiting_list"), "declined", _DECIDERS),
        Transition(
            "put_on_waiting_list",
            _("Put on the waiting list"),
            ("recommended",),
            "waiting_list",
            _DECIDERS,
        ),
        Transition(
            "withdraw",
            _("Withdraw the application"),
            ("draft", "invited", "submitted", "screening", "more_information", "in_review"),
            "withdrawn",
            _EITHER,
        ),
        Transition("complete", _("Close the project"), ("accepted",), "completed", _DECIDERS),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _DECIDERS: _(
            "Only coordination staff, or the committee's decision, may do this: “%(transition)s”."
        ),
        _APPLICANTS: _(
            "Only the people of the applying organization may do this: “%(transition)s”."
        ),
        _EITHER: _(
            "Only the applying organization or coordination staff may do this: “%(transition)s”."
        ),
    },
)

AGREEMENT = Workflow(
    key="funding_agreement",
    initial="draft",
    states=(
        State("draft", _("Draft"), tags=frozenset({EDITABLE})),
        State("signed", _("Signed")),
        State("active", _("Active")),
        State("closed", _("Closed"), tags=frozenset({CLOSED})),
        State("cancelled", _("Cancelled"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("sign", _("Record the signatures"), ("draft",), "signed", _STAFF),
        Transition("activate", _("Start the project"), ("signed",), "active", _DECIDERS),
        Transition("close", _("Close the agreement"), ("active",), "closed", _STAFF),
        Transition(
            "cancel", _("Cancel the agreement"), ("draft", "signed", "active"), "cancelled", _STAFF
        ),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _DECIDERS: _("Only coordination staff may do this: “%(transition)s”."),
    },
)

PAYMENT = Workflow(
    key="funding_payment",
    initial="scheduled",
    states=(
        State("scheduled", _("Scheduled")),
        State("due", _("Due")),
        State("approved", _("Approved")),
        State("paid", _("Paid"), tags=frozenset({CLOSED})),
        State("held", _("Held")),
    ),
    transitions=(
        Transition("fall_due", _("Mark as due"), ("scheduled",), "due", _DECIDERS),
        Transition("approve", _("Approve the payment"), ("scheduled", "due"), "approved", _STAFF),
        Transition("pay", _("Record the payment"), ("approved",), "paid", _STAFF),
        Transition("hold", _("Hold the payment"), ("scheduled", "due", "approved"), "held", _STAFF),
        Transition("release", _("Release the payment"), ("held",), "due", _STAFF),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _DECIDERS: _("Only coordination staff may do this: “%(transition)s”."),
    },
)

REPORT = Workflow(
    key="funding_report",
    initial="due",
    states=(
        State("due", _("Due"), tags=frozenset({EDITABLE})),
        State("submitted", _("Submitted")),
        State("accepted", _("Accepted"), tags=frozenset({CLOSED})),
        State("changes_requested", _("Changes requested"), tags=frozenset({EDITABLE})),
    ),
    transitions=(
        Transition(
            "submit",
            _("Submit the report"),
            ("due", "changes_requested"),
            "submitted",
            _APPLICANTS,
        ),
        Transition("accept", _("Accept the report"), ("submitted",), "accepted", _STAFF),
        Transition(
            "request_changes",
            _("Ask for changes"),
            ("submitted",),
            "changes_requested",
            _STAFF,
        ),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _APPLICANTS: _("Only the people of the funded organization may do this: “%(transition)s”."),
    },
)

WORKFLOWS = {w.key: w for w in (CALL, APPLICATION, AGREEMENT, PAYMENT, REPORT)}
