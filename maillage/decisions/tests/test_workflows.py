"""Every transition of the consent workflow: who fires it, from which states, and the reason of
a refusal (a role that may not, a state it is not possible from)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.permissions import SYSTEM, reason_for
from maillage.core.workflows import TransitionNotAllowed
from maillage.decisions import services, workflows
from maillage.decisions.models import Position, ProcessMode, RoundKind
from maillage.decisions.tests.factories import in_an_hour, start
from maillage.governance.models import RoleKind
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory

CONSENT = workflows.CONSENT
ROLES = ("proposer", "facilitator", "lead", "staff", "member")


@pytest.fixture
def actors(circle, staff_user):
    """Chloé proposes, Fanny facilitates, Bruno holds the lead role, Amélie is a member."""
    lead = RoleFactory(circle=circle.circle, kind=RoleKind.LEAD, name="Premier lien")
    RoleAssignmentFactory(role=lead, person=circle.bruno.person)
    return {
        "proposer": circle.chloe,
        "facilitator": circle.fanny,
        "lead": circle.bruno,
        "staff": staff_user,
        "member": circle.amelie,
    }


def _answer(process, user, position=Position.CONSENT):
    reason = "Cela nuirait aux locataires." if position == Position.OBJECTION else ""
    services.answer_give(actor=user, process=process, position=position, reason=reason)


def bring_to(state, circle, actors, mode=ProcessMode.ASYNC):
    """A process of `circle` brought to `state` by the platform."""
    process = start(circle.circle, actors["proposer"], facilitator=actors["facilitator"], mode=mode)
    path = {
        "presented": ["present"],
        "clarifying": ["present", "open_clarifying"],
        "reactions": ["present", "open_clarifying", "open_reactions"],
        "amended": ["present", "open_clarifying", "open_reactions", "amend"],
        "consent_round": ["present", "open_clarifying", "open_reactions", "open_consent"],
        "integrating": [
            "present",
            "open_clarifying",
            "open_reactions",
            "open_consent",
            "object",
        ],
        "consented": ["present", "open_clarifying", "open_reactions", "open_consent", "consent"],
        "withdrawn": ["withdraw"],
        "escalated": ["present", "escalate"],
    }.get(state, [])
    for step in path:
        if step == "amend":
            services.proposal_amend(
                actor=SYSTEM, process=process, title=process.title, text="Nouveau texte."
            )
        elif step in {"object", "consent"}:
            who = circle.amelie
            _answer(process, who, Position.OBJECTION if step == "object" else Position.CONSENT)
            services.consent_round_close(actor=SYSTEM, process=process)
        else:
            deadline = in_an_hour() if step == "open_consent" else None
            services.process_transition(
                actor=SYSTEM, process=process, transition=step, deadline=deadline
            )
    process.refresh_from_db()
    assert process.state == state
    return process


SIMPLE = [t for t in CONSENT.transitions if t.key not in {"amend", "consent", "object"}]
CASES = [(t.key, source) for t in SIMPLE for source in t.sources]


@pytest.mark.parametrize(("transition", "source"), CASES)
def test_each_simple_transition_goes_to_its_target(transition, source, circle, actors):
    process = bring_to(source, circle, actors)
    role = next(r for r in ROLES if r in CONSENT.transition(transition).allowed)
    deadline = in_an_hour() if transition == "open_consent" else None
    services.process_transition(
        actor=actors[role], process=process, transition=transition, deadline=deadline
    )
    process.refresh_from_db()
    assert process.state == CONSENT.transition(transition).target


@pytest.mark.parametrize(
    ("transition", "role"),
    [(t.key, role) for t in SIMPLE for role in ROLES],
)
def test_only_the_allowed_roles_fire_a_transition(transition, role, circle, actors):
    step = CONSENT.transition(transition)
    process = bring_to(step.sources[0], circle, actors)
    deadline = in_an_hour() if transition == "open_consent" else None

    def fire():
        services.process_transition(
            actor=actors[role], process=process, transition=transition, deadline=deadline
        )

    if role in step.allowed:
        fire()
        process.refresh_from_db()
        assert process.state == step.target
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            fire()
        assert str(refused.value) == str(CONSENT.refusals[step.allowed]) % {
            "transition": step.label
        }
        process.refresh_from_db()
        assert process.state == step.sources[0]


WRONG = [
    (t.key, state)
    for t in CONSENT.transitions
    if t.key not in {"amend", "consent", "object"}
    for state in ("draft", "clarifying", "consent_round", "consented", "withdrawn")
    if state not in t.sources
]


@pytest.mark.parametrize(("transition", "state"), WRONG)
def test_a_transition_is_refused_from_a_state_it_does_not_leave(transition, state, circle, actors):
    process = bring_to(state, circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.process_transition(actor=SYSTEM, process=process, transition=transition)
    message = refused.value.message_dict["transition"][0]
    assert str(CONSENT.transition(transition).label) in message
    assert str(CONSENT.label(state)) in message
    process.refresh_from_db()
    assert process.state == state


@pytest.mark.parametrize("source", ["reactions", "integrating"])
@pytest.mark.parametrize("role", ROLES)
def test_amend_by_the_proposer_facilitator_or_staff(source, role, circle, actors):
    process = bring_to(source, circle, actors)
    amend = CONSENT.transition("amend")

    def fire():
        services.proposal_amend(
            actor=actors[role], process=process, title="Calendrier révisé", text="Texte bonifié."
        )

    if role in amend.allowed:
        fire()
        process.refresh_from_db()
        assert (process.state, process.version, process.proposal) == (
            "amended",
            2,
            "Texte bonifié.",
        )
    else:
        with pytest.raises(PermissionDenied) as refused:
            fire()
        assert str(refused.value) == reason_for("decisions.amend_proposal")
        process.refresh_from_db()
        assert process.version == 1


@pytest.mark.parametrize("state", ["presented", "clarifying", "consent_round", "consented"])
def test_amend_is_refused_from_other_states(state, circle, actors):
    process = bring_to(state, circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.proposal_amend(actor=SYSTEM, process=process, title="T", text="Autre texte.")
    assert "transition" in refused.value.message_dict
    process.refresh_from_db()
    assert process.version == 1


def test_a_draft_is_corrected_in_place(circle, actors):
    process = bring_to("draft", circle, actors)
    services.proposal_amend(actor=actors["proposer"], process=process, title="T", text="Corrigé.")
    process.refresh_from_db()
    assert (process.state, process.version, process.versions.get().text) == (
        "draft",
        1,
        "Corrigé.",
    )


@pytest.mark.parametrize("role", ROLES)
def test_closing_the_consent_round_is_for_the_facilitator_or_staff(role, circle, actors):
    process = bring_to("consent_round", circle, actors)
    _answer(process, circle.chloe)
    closers = CONSENT.transition("consent").allowed
    if role in closers:
        services.consent_round_close(actor=actors[role], process=process)
        process.refresh_from_db()
        assert process.state == "consented"
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            services.consent_round_close(actor=actors[role], process=process)
        assert "facilitat" in str(refused.value) or "animat" in str(refused.value)
        process.refresh_from_db()
        assert process.state == "consent_round"


@pytest.mark.parametrize("state", ["reactions", "integrating", "consented"])
def test_closing_is_refused_without_a_consent_round(state, circle, actors):
    process = bring_to(state, circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.consent_round_close(actor=SYSTEM, process=process)
    assert "transition" in refused.value.message_dict


def test_consent_and_objection_are_not_fired_as_simple_steps(circle, actors):
    process = bring_to("consent_round", circle, actors)
    for key in ("consent", "object", "amend"):
        with pytest.raises(ValidationError):
            services.process_transition(actor=SYSTEM, process=process, transition=key)
    process.refresh_from_db()
    assert process.state == "consent_round"


def test_an_objection_sends_the_round_to_integration_and_the_round_is_recorded(circle, actors):
    process = bring_to("consent_round", circle, actors)
    _answer(process, circle.chloe)
    _answer(process, circle.amelie, Position.OBJECTION)
    services.consent_round_close(actor=actors["facilitator"], process=process)
    process.refresh_from_db()
    assert process.state == "integrating"
    consent_round = process.rounds.get(kind=RoundKind.CONSENT)
    assert consent_round.outcome == "objections"


def test_a_round_nobody_answered_goes_to_integration(circle, actors):
    process = bring_to("consent_round", circle, actors)
    services.consent_round_close(actor=actors["facilitator"], process=process)
    process.refresh_from_db()
    assert process.state == "integrating"
    assert process.rounds.get(kind=RoundKind.CONSENT).outcome == "no_answer"
    assert not hasattr(process, "decision") or process.decision is None


def test_escalation_hands_the_process_to_the_parent_circle(circle, actors):
    process = bring_to("reactions", circle, actors)
    services.process_transition(actor=actors["lead"], process=process, transition="escalate")
    process.refresh_from_db()
    assert (process.state, process.escalated_to) == ("escalated", circle.circle.parent)
    assert process.rounds.get(kind=RoundKind.REACTIONS).outcome == "interrupted"


def test_escalation_is_refused_without_a_parent_circle(actors, circle):
    from maillage.governance.tests.factories import general_circle

    process = start(general_circle(), SYSTEM, facilitator=actors["facilitator"])
    services.process_transition(actor=SYSTEM, process=process, transition="present")
    with pytest.raises(ValidationError) as refused:
        services.process_transition(actor=SYSTEM, process=process, transition="escalate")
    assert "parent" in refused.value.message_dict["transition"][0]


def test_opening_an_asynchronous_consent_round_needs_a_future_deadline(circle, actors):
    process = bring_to("reactions", circle, actors)
    with pytest.raises(ValidationError) as missing:
        services.process_transition(actor=SYSTEM, process=process, transition="open_consent")
    assert "deadline" in missing.value.message_dict
    from django.utils import timezone

    with pytest.raises(ValidationError) as past:
        services.process_transition(
            actor=SYSTEM, process=process, transition="open_consent", deadline=timezone.now()
        )
    assert "deadline" in past.value.message_dict
    process.refresh_from_db()
    assert process.state == "reactions"


def test_a_live_consent_round_needs_no_deadline(circle, actors):
    process = bring_to("reactions", circle, actors, mode=ProcessMode.LIVE)
    services.process_transition(actor=SYSTEM, process=process, transition="open_consent")
    process.refresh_from_db()
    assert (process.state, process.deadline) == ("consent_round", None)
