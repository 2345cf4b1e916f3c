"""The election without candidates: every transition of its workflow (who fires it, from which
states, the reason of a refusal), nominations and their changes, the proposal and the consent
round on it, and the election that assigns the role with its term end, in the register and on
the governance calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM, reason_for
from maillage.core.workflows import TransitionNotAllowed
from maillage.decisions import services, workflows
from maillage.decisions.models import Nomination, Position, RoundKind
from maillage.decisions.tests.election_factories import (
    ELECTION_PATHS,
    bring_election_to,
    elected_role,
    election_in,
)
from maillage.governance.models import RoleAssignment, RoleKind
from maillage.governance.services._common import add_months
from maillage.governance.tests.factories import (
    PersonFactory,
    RoleAssignmentFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db

ELECTION = workflows.ELECTION
ROLES = ("proposer", "facilitator", "lead", "staff", "member")
OWN_FORM = {"propose", "elect", "object"}


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


def bring_to(state, circle, actors, **values):
    process = election_in(
        elected_role(circle.circle), actors["proposer"], facilitator=actors["facilitator"], **values
    )
    return bring_election_to(process, state, candidate=circle.chloe.person, voter=circle.amelie)


SIMPLE = [t for t in ELECTION.transitions if t.key not in OWN_FORM]


@pytest.mark.parametrize(("transition", "source"), [(t.key, s) for t in SIMPLE for s in t.sources])
def test_each_simple_transition_goes_to_its_target(transition, source, circle, actors):
    process = bring_to(source, circle, actors)
    role = next(r for r in ROLES if r in ELECTION.transition(transition).allowed)
    services.election_transition(actor=actors[role], process=process, transition=transition)
    process.refresh_from_db()
    assert process.state == ELECTION.transition(transition).target
    event = AuditEvent.objects.filter(verb="decision_process.transition").latest("pk")
    assert event.payload["transition"] == transition


@pytest.mark.parametrize(("transition", "role"), [(t.key, r) for t in SIMPLE for r in ROLES])
def test_only_the_allowed_roles_fire_a_transition(transition, role, circle, actors):
    step = ELECTION.transition(transition)
    process = bring_to(step.sources[0], circle, actors)

    def fire():
        services.election_transition(actor=actors[role], process=process, transition=transition)

    if role in step.allowed:
        fire()
        process.refresh_from_db()
        assert process.state == step.target
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            fire()
        assert str(refused.value) == str(ELECTION.refusals[step.allowed]) % {
            "transition": step.label
        }
        process.refresh_from_db()
        assert process.state == step.sources[0]


WRONG = [
    (t.key, state)
    for t in ELECTION.transitions
    for state in ELECTION_PATHS
    if state not in t.sources
]


@pytest.mark.parametrize(("transition", "state"), WRONG)
def test_a_transition_is_refused_from_a_state_it_does_not_leave(transition, state, circle, actors):
    process = bring_to(state, circle, actors)

    def fire():
        if transition == "propose":
            services.election_propose(
                actor=SYSTEM, process=process, person=circle.chloe.person, reason="Oui."
            )
        elif transition in {"elect", "object"}:
            services.election_consent_close(actor=SYSTEM, process=process)
        else:
            services.election_transition(actor=SYSTEM, process=process, transition=transition)

    with pytest.raises(ValidationError) as refused:
        fire()
    message = refused.value.message_dict["transition"][0]
    if transition not in {"elect", "object"}:
        assert str(ELECTION.transition(transition).label) in message
    assert str(ELECTION.label(state)) in message
    process.refresh_from_db()
    assert process.state == state


def test_the_steps_with_their_own_form_are_not_fired_as_simple_steps(circle, actors):
    process = bring_to("consenting", circle, actors)
    for key in OWN_FORM:
        with pytest.raises(ValidationError) as refused:
            services.election_transition(actor=SYSTEM, process=process, transition=key)
        assert "transition" in refused.value.message_dict
    process.refresh_from_db()
    assert process.state == "consenting"


def test_a_consent_process_is_not_moved_as_an_election(circle, actors):
    from maillage.decisions.tests.factories import start

    process = start(circle.circle, SYSTEM)
    with pytest.raises(ValidationError):
        services.election_transition(actor=SYSTEM, process=process, transition="open_nominations")
    process.refresh_from_db()
    assert process.state == "draft"


# Starting


def test_an_election_starts_for_a_role_with_its_term(circle, actors):
    role = elected_role(circle.circle)
    process = election_in(role, actors["proposer"], facilitator=actors["facilitator"])
    assert (process.kind, process.state, process.election.role) == ("election", "draft", role)
    assert "Secrétaire" in process.title


def test_a_role_without_a_term_of_its_own_needs_a_term_end(circle, actors):
    role = RoleFactory(circle=circle.circle, name="Trésorerie", elected=False)
    with pytest.raises(ValidationError) as refused:
        election_in(role, actors["proposer"])
    assert "term_end" in refused.value.message_dict
    past = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        election_in(role, actors["proposer"], term_end=past)
    assert "term_end" in refused.value.message_dict


def test_only_the_members_and_staff_start_an_election(circle, actors):
    with pytest.raises(PermissionDenied) as refused:
        election_in(elected_role(circle.circle), circle.outsider)
    assert str(refused.value) == reason_for("decisions.start_process")


# Nominations


def test_each_member_names_someone_with_a_reason_and_may_name_again(circle, actors):
    process = bring_to("nominating", circle, actors)
    services.nomination_give(
        actor=circle.amelie, process=process, nominee=circle.chloe.person, reason="Rigoureuse."
    )
    services.nomination_give(
        actor=circle.amelie, process=process, nominee=circle.bruno.person, reason="Disponible."
    )
    nomination = Nomination.objects.get(process=process)
    assert (nomination.nominee, nomination.reason, nomination.phase) == (
        circle.bruno.person,
        "Disponible.",
        "nomination",
    )
    assert AuditEvent.objects.filter(verb="decision_process.nomination_given").count() == 2


def test_nobody_nominates_themselves_and_a_nomination_has_a_reason(circle, actors):
    process = bring_to("nominating", circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.nomination_give(
            actor=circle.amelie, process=process, nominee=circle.amelie.person, reason="Moi."
        )
    assert "nominee" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.nomination_give(
            actor=circle.amelie, process=process, nominee=circle.chloe.person, reason="  "
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.nomination_give(
            actor=circle.amelie, process=process, nominee=PersonFactory(), reason="Oui."
        )
    assert "nominee" in refused.value.message_dict
    assert not Nomination.objects.exists()


def test_an_outsider_does_not_nominate(circle, actors):
    process = bring_to("nominating", circle, actors)
    with pytest.raises(PermissionDenied) as refused:
        services.nomination_give(
            actor=circle.outsider, process=process, nominee=circle.chloe.person, reason="Oui."
        )
    assert str(refused.value) == reason_for("decisions.take_part")


@pytest.mark.parametrize("state", ["draft", "nomination_round", "proposing", "consenting"])
def test_nominations_are_refused_outside_their_rounds(state, circle, actors):
    process = bring_to(state, circle, actors)
    with pytest.raises((ValidationError, PermissionDenied)) as refused:
        services.nomination_give(
            actor=circle.amelie, process=process, nominee=circle.chloe.person, reason="Oui."
        )
    if isinstance(refused.value, ValidationError):
        assert "nominee" in refused.value.message_dict
    assert not Nomination.objects.exists()


def test_the_change_round_keeps_the_first_nomination_beside_the_change(circle, actors):
    process = bring_to("nominating", circle, actors)
    services.nomination_give(
        actor=circle.amelie, process=process, nominee=circle.chloe.person, reason="Rigoureuse."
    )
    for step in ("read_nominations", "open_changes"):
        services.election_transition(actor=actors["facilitator"], process=process, transition=step)
    services.nomination_give(
        actor=circle.amelie,
        process=process,
        nominee=circle.bruno.person,
        reason="Convaincue par la ronde.",
    )
    phases = dict(Nomination.objects.filter(process=process).values_list("phase", "nominee"))
    assert phases == {"nomination": circle.chloe.person.pk, "change": circle.bruno.person.pk}
    # Who named nobody at first has nothing to change.
    with pytest.raises(ValidationError) as refused:
        services.nomination_give(
            actor=circle.bruno, process=process, nominee=circle.chloe.person, reason="Oui."
        )
    assert "nominee" in refused.value.message_dict


def test_the_facilitator_records_a_nomination_given_offline(circle, actors):
    process = bring_to("nominating", circle, actors)
    services.nomination_give(
        actor=actors["facilitator"],
        process=process,
        nominee=circle.chloe.person,
        reason="Dit en rencontre.",
        person=circle.bruno.person,
    )
    nomination = Nomination.objects.get()
    assert (nomination.nominator, nomination.offline, nomination.recorded_by) == (
        circle.bruno.person,
        True,
        actors["facilitator"],
    )
    with pytest.raises(PermissionDenied) as refused:
        services.nomination_give(
            actor=circle.amelie,
            process=process,
            nominee=circle.chloe.person,
            reason="Non.",
            person=circle.bruno.person,
        )
    assert str(refused.value) == reason_for("decisions.record_answer")


# Proposal and consent round


@pytest.mark.parametrize("role", ROLES)
def test_the_facilitator_or_staff_propose_someone(role, circle, actors):
    process = bring_to("proposing", circle, actors)

    def fire():
        services.election_propose(
            actor=actors[role], process=process, person=circle.chloe.person, reason="Nommée 3 fois."
        )

    if role in ELECTION.transition("propose").allowed:
        fire()
        process.refresh_from_db()
        assert process.state == "consenting"
        assert process.election.candidate == circle.chloe.person
        assert "Chloé Roy" in process.proposal
        assert process.rounds.get(kind=RoundKind.CONSENT).is_open
    else:
        with pytest.raises(TransitionNotAllowed):
            fire()
        process.refresh_from_db()
        assert process.state == "proposing"


def test_a_proposal_names_a_member_and_says_why(circle, actors):
    process = bring_to("proposing", circle, actors)
    with pytest.raises(ValidationError) as refused:
        services.election_propose(
            actor=SYSTEM, process=process, person=circle.chloe.person, reason=""
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.election_propose(
            actor=SYSTEM, process=process, person=PersonFactory(), reason="Oui."
        )
    assert "nominee" in refused.value.message_dict
    process.refresh_from_db()
    assert process.state == "proposing"


def test_an_objection_sends_the_election_back_to_a_new_proposal(circle, actors):
    process = bring_to("consenting", circle, actors)
    services.answer_give(
        actor=circle.bruno,
        process=process,
        position=Position.OBJECTION,
        reason="Elle part en congé en mars.",
    )
    services.election_consent_close(actor=actors["facilitator"], process=process)
    process.refresh_from_db()
    assert process.state == "proposing"
    assert process.rounds.get(kind=RoundKind.CONSENT).outcome == "objections"
    assert not RoleAssignment.objects.filter(role=process.election.role).exists()
    # A new proposal opens a second consent round.
    services.election_propose(
        actor=actors["facilitator"], process=process, person=circle.amelie.person, reason="Oui."
    )
    assert process.rounds.filter(kind=RoundKind.CONSENT).count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_closing_the_consent_round_is_for_the_facilitator_or_staff(role, circle, actors):
    process = bring_to("consenting", circle, actors)
    services.answer_give(actor=circle.amelie, process=process, position=Position.CONSENT)
    if role in ELECTION.transition("elect").allowed:
        services.election_consent_close(actor=actors[role], process=process)
        process.refresh_from_db()
        assert process.state == "elected"
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            services.election_consent_close(actor=actors[role], process=process)
        assert str(refused.value) == str(
            ELECTION.refusals[ELECTION.transition("object").allowed]
        ) % {"transition": ELECTION.transition("object").label}
        process.refresh_from_db()
        assert process.state == "consenting"


def test_the_election_assigns_the_role_with_the_roles_term_and_enters_the_register(circle, actors):
    process = bring_to("consenting", circle, actors)
    services.answer_give(
        actor=circle.bruno, process=process, position=Position.CONSENT, reason="Bon choix."
    )
    services.election_consent_close(actor=actors["facilitator"], process=process)
    process.refresh_from_db()
    assignment = RoleAssignment.objects.get(role=process.election.role, ended_at__isnull=True)
    today = timezone.localdate()
    assert (assignment.person, assignment.term_end) == (circle.chloe.person, add_months(today, 24))
    assert process.election.assignment == assignment
    moves = AuditEvent.objects.filter(verb="decision_process.transition").order_by("pk")
    assert [e.payload["transition"] for e in moves][-2:] == ["propose", "elect"]
    assert moves.last().payload["elected"] == "Chloé Roy"
    decision = process.decision
    assert decision.kind == "election"
    assert "Chloé Roy" in decision.text
    rows = {row["voice"]: row for row in decision.participation}
    bruno_voice = next(r for r in rows.values() if r["person"] == "Bruno Gagnon")
    assert bruno_voice["position"] == "consent"
    assert sum(1 for r in rows.values() if r["position"] is None) == len(rows) - 1


def test_an_election_with_its_own_term_end_is_on_the_governance_calendar(circle, actors):
    term_end = timezone.localdate() + dt.timedelta(days=40)
    role = elected_role(circle.circle, name="Porte-parole")
    process = election_in(
        role, actors["proposer"], facilitator=actors["facilitator"], term_end=term_end
    )
    bring_election_to(process, "elected", candidate=circle.chloe.person, voter=circle.amelie)
    assignment = RoleAssignment.objects.get(role=role, ended_at__isnull=True)
    assert assignment.term_end == term_end
    member = Client()
    member.force_login(circle.amelie)
    page = member.get(reverse("governance:calendar") + f"?month={term_end.strftime('%Y-%m')}").text
    assert "Porte-parole" in page
    assert "Chloé Roy" in page
