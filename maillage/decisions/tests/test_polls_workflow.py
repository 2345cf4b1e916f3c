"""Every transition of the poll workflow: who fires it, from which states, and the reason of a
refusal (a role that may not, a state it is not possible from)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.core.workflows import TransitionNotAllowed
from maillage.decisions import services, workflows
from maillage.decisions.tests.factories import poll_in
from maillage.decisions.verbs import DecisionVerb
from maillage.governance.models import RoleKind
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory

POLL = workflows.POLL
ROLES = ("proposer", "facilitator", "lead", "staff", "member")
PATHS = {
    "draft": [],
    "scheduled": ["schedule"],
    "open": ["open"],
    "closed": ["open", "close"],
    "withdrawn": ["withdraw"],
}


@pytest.fixture
def actors(circle, staff_user):
    """Chloé starts the poll, Fanny facilitates, Bruno holds the lead role, Amélie is a member."""
    lead = RoleFactory(circle=circle.circle, kind=RoleKind.LEAD, name="Premier lien")
    RoleAssignmentFactory(role=lead, person=circle.bruno.person)
    return {
        "proposer": circle.chloe,
        "facilitator": circle.fanny,
        "lead": circle.bruno,
        "staff": staff_user,
        "member": circle.amelie,
    }


def bring_to(state, circle, actors):
    poll = poll_in(
        circle.circle,
        actors["proposer"],
        opened=False,
        facilitator=actors["facilitator"],
        opens_at=timezone.now() + dt.timedelta(days=1),
    )
    for step in PATHS[state]:
        services.poll_transition(actor=SYSTEM, poll=poll, transition=step)
    poll.process.refresh_from_db()
    assert poll.process.state == state
    return poll


CASES = [(t.key, source) for t in POLL.transitions for source in t.sources]


@pytest.mark.parametrize(("transition", "source"), CASES)
def test_each_transition_goes_to_its_target_and_is_audited(transition, source, circle, actors):
    poll = bring_to(source, circle, actors)
    role = next(r for r in ROLES if r in POLL.transition(transition).allowed)
    services.poll_transition(actor=actors[role], poll=poll, transition=transition)
    poll.process.refresh_from_db()
    assert poll.process.state == POLL.transition(transition).target
    event = AuditEvent.objects.filter(verb=DecisionVerb.PROCESS_TRANSITION).latest("pk")
    assert (event.payload["transition"], event.payload["from"]) == (transition, source)


@pytest.mark.parametrize(
    ("transition", "role"), [(t.key, r) for t in POLL.transitions for r in ROLES]
)
def test_only_the_allowed_roles_fire_a_transition(transition, role, circle, actors):
    step = POLL.transition(transition)
    source = step.sources[-1]
    poll = bring_to(source, circle, actors)
    if role in step.allowed:
        services.poll_transition(actor=actors[role], poll=poll, transition=transition)
        poll.process.refresh_from_db()
        assert poll.process.state == step.target
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            services.poll_transition(actor=actors[role], poll=poll, transition=transition)
        assert str(refused.value) == str(POLL.refusals[step.allowed]) % {"transition": step.label}
        poll.process.refresh_from_db()
        assert poll.process.state == source


WRONG = [(t.key, s) for t in POLL.transitions for s in POLL.keys if s not in t.sources]


@pytest.mark.parametrize(("transition", "state"), WRONG)
def test_a_transition_is_refused_from_a_state_it_does_not_leave(transition, state, circle, actors):
    poll = bring_to(state, circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.poll_transition(actor=SYSTEM, poll=poll, transition=transition)
    message = refused.value.message_dict["transition"][0]
    assert str(POLL.transition(transition).label) in message
    assert str(POLL.label(state)) in message
    poll.process.refresh_from_db()
    assert poll.process.state == state


def test_scheduling_needs_an_opening_time_to_come(circle, actors):
    poll = poll_in(circle.circle, actors["proposer"], opened=False)
    with pytest.raises(ValidationError) as refused:
        services.poll_transition(actor=actors["proposer"], poll=poll, transition="schedule")
    assert "transition" in refused.value.message_dict
    poll.process.refresh_from_db()
    assert poll.process.state == "draft"


def test_the_consent_steps_refuse_a_poll(circle, actors):
    poll = poll_in(circle.circle, actors["proposer"])
    with pytest.raises(ValidationError, match=r"consentement|consent"):
        services.process_transition(actor=SYSTEM, process=poll.process, transition="withdraw")
