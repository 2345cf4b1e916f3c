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
from django.utils.translation import pgettext_lazy

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
        State("draft", pgettext_lazy("call state", "Draft")),
        State("published", pgettext_lazy("call state", "Published"), tags=frozenset({ACCEPTING})),
        State("closed", pgettext_lazy("call state", "Closed to applications")),
        State("archived", pgettext_lazy("call state", "Archived"), tags=frozenset({CLOSED})),
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

_UNDER_ANALYSIS = pgettext_lazy("application state", "Under analysis")

APPLICATION = Workflow(
    key="funding_application",
    initial="draft",
    states=(
        State("draft", pgettext_lazy("application state", "Draft"), tags=frozenset({EDITABLE})),
        # Two-step calls: the intention was retained, the full application is being written.
        State(
            "invited",
            pgettext_lazy("application state", "Invited to submit the full application"),
            tags=frozenset({EDITABLE}),
        ),
        State(
            "submitted",
            pgettext_lazy("application state", "Submitted"),
            tags=frozenset({SUBMITTED}),
        ),
        State(
            "screening",
            pgettext_lazy("application state", "Screening"),
            _UNDER_ANALYSIS,
            tags=frozenset({SUBMITTED}),
        ),
        State(
            "more_information",
            pgettext_lazy("application state", "More information requested"),
            tags=frozenset({EDITABLE}),
        ),
        State(
            "in_review",
            pgettext_lazy("application state", "In review"),
            _UNDER_ANALYSIS,
            tags=frozenset({SUBMITTED}),
        ),
        State(
            "recommended",
            pgettext_lazy("application state", "Recommendation before the committee"),
            _UNDER_ANALYSIS,
            tags=frozenset({SUBMITTED}),
        ),
        State("accepted", pgettext_lazy("application state", "Accepted"), tags=frozenset({FUNDED})),
        State(
            "waiting_list",
            pgettext_lazy("application state", "Waiting list"),
            tags=frozenset({SUBMITTED}),
        ),
        State("declined", pgettext_lazy("application state", "Declined"), tags=frozenset({CLOSED})),
        State(
            "ineligible",
            pgettext_lazy("application state", "Not eligible"),
            tags=frozenset({CLOSED}),
        ),
        State(
            "withdrawn", pgettext_lazy("application state", "Withdrawn"), tags=frozenset({CLOSED})
        ),
        State(
            "completed",
            pgettext_lazy("application state", "Project completed"),
            tags=frozenset({FUNDED, CLOSED}),
        ),
        # Its agreement was cancelled: what was paid stays counted, the rest went back.
        State(
            "discontinued",
            pgettext_lazy("application state", "Funding stopped"),
            tags=frozenset({FUNDED, CLOSED}),
        ),
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
        # A recommendation the committee did not consent to (withdrawn, escalated, objected to
        # for good) leaves its applications to be reconsidered.
        Transition(
            "reconsider",
            _("Send back to the review committee"),
            ("recommended",),
            "in_review",
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
        Transition("discontinue", _("Stop the funding"), ("accepted",), "discontinued", _DECIDERS),
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
        State("draft", pgettext_lazy("agreement state", "Draft"), tags=frozenset({EDITABLE})),
        State("signed", pgettext_lazy("agreement state", "Signed")),
        State("active", pgettext_lazy("agreement state", "Active")),
        State("closed", pgettext_lazy("agreement state", "Closed"), tags=frozenset({CLOSED})),
        State("cancelled", pgettext_lazy("agreement state", "Cancelled"), tags=frozenset({CLOSED})),
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
        State("scheduled", pgettext_lazy("payment state", "Scheduled")),
        State("due", pgettext_lazy("payment state", "Due")),
        State("approved", pgettext_lazy("payment state", "Approved")),
        State("paid", pgettext_lazy("payment state", "Paid"), tags=frozenset({CLOSED})),
        State("held", pgettext_lazy("payment state", "Held")),
        State("cancelled", pgettext_lazy("payment state", "Cancelled"), tags=frozenset({CLOSED})),
    ),
    transitions=(
        Transition("fall_due", _("Mark as due"), ("scheduled",), "due", _DECIDERS),
        Transition("approve", _("Approve the payment"), ("scheduled", "due"), "approved", _STAFF),
        Transition("pay", _("Record the payment"), ("approved",), "paid", _STAFF),
        Transition("hold", _("Hold the payment"), ("scheduled", "due", "approved"), "held", _STAFF),
        Transition("release", _("Release the payment"), ("held",), "due", _STAFF),
        Transition(
            "cancel",
            _("Cancel the payment"),
            ("scheduled", "due", "approved", "held"),
            "cancelled",
            _STAFF,
        ),
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
        State("due", pgettext_lazy("report state", "Due"), tags=frozenset({EDITABLE})),
        State("submitted", pgettext_lazy("report state", "Submitted")),
        State("accepted", pgettext_lazy("report state", "Accepted"), tags=frozenset({CLOSED})),
        State(
            "changes_requested",
            pgettext_lazy("report state", "Changes requested"),
            tags=frozenset({EDITABLE}),
        ),
        State("waived", pgettext_lazy("report state", "No longer due"), tags=frozenset({CLOSED})),
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
        Transition(
            "waive",
            _("No longer ask for the report"),
            ("due", "submitted", "changes_requested"),
            "waived",
            _STAFF,
        ),
    ),
    refusals={
        _STAFF: _("Only coordination staff may do this: “%(transition)s”."),
        _APPLICANTS: _("Only the people of the funded organization may do this: “%(transition)s”."),
    },
)

WORKFLOWS = {w.key: w for w in (CALL, APPLICATION, AGREEMENT, PAYMENT, REPORT)}
