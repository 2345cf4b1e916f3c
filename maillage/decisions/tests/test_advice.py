"""The advice process: every transition of its workflow (who fires it, from which states, the
reason of a refusal), the people and circles asked and told, the advice given or recorded
offline, and the decision with its weighing in the register."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.core.models import AuditEvent, Notification
from maillage.core.permissions import SYSTEM, reason_for
from maillage.core.workflows import TransitionNotAllowed
from maillage.decisions import selectors, services, workflows
from maillage.decisions.models import Advice
from maillage.decisions.paths import process_path
from maillage.decisions.tests.election_factories import advice_in
from maillage.decisions.tests.factories import CircleFactory, member_of

pytestmark = pytest.mark.django_db

ADVICE = workflows.ADVICE
ROLES = ("proposer", "facilitator", "staff", "member", "asked")


@pytest.fixture
def asked(circle):
    """Advice is asked of Bruno by name, and of the circle "Transport" (Gilles is its member)."""
    transport = CircleFactory(name="Transport", slug="transport")
    gilles = member_of(transport, first_name="Gilles", last_name="Pelletier")
    return {"people": [circle.bruno.person], "circles": [transport], "gilles": gilles}


@pytest.fixture
def actors(circle, staff_user, asked):
    return {
        "proposer": circle.chloe,
        "facilitator": circle.fanny,
        "staff": staff_user,
        "member": circle.amelie,
        "asked": asked["gilles"],
    }


def bring_to(state, circle, asked):
    process = advice_in(
        circle.circle, circle.chloe, people=asked["people"], circles=asked["circles"]
    )
    if state in {"seeking", "decided"}:
        services.advice_transition(actor=SYSTEM, process=process, transition="ask")
    if state == "decided":
        services.advice_decide(actor=circle.chloe, process=process, decision="D.", weighing="W.")
    if state == "withdrawn":
        services.advice_transition(actor=SYSTEM, process=process, transition="withdraw")
    process.refresh_from_db()
    assert process.state == state
    return process


STATES = ("draft", "seeking", "decided", "withdrawn")


def fire(transition, actor, process):
    if transition == "decide":
        return services.advice_decide(
            actor=actor, process=process, decision="Nous louons la salle.", weighing="Pesé."
        )
    return services.advice_transition(actor=actor, process=process, transition=transition)


@pytest.mark.parametrize(
    ("transition", "source"), [(t.key, s) for t in ADVICE.transitions for s in t.sources]
)
def test_each_transition_goes_to_its_target(transition, source, circle, asked, actors):
    process = bring_to(source, circle, asked)
    role = next(r for r in ROLES if r in ADVICE.transition(transition).allowed)
    fire(transition, actors[role], process)
    process.refresh_from_db()
    assert process.state == ADVICE.transition(transition).target


@pytest.mark.parametrize(
    ("transition", "role"), [(t.key, r) for t in ADVICE.transitions for r in ROLES]
)
def test_only_the_allowed_roles_fire_a_transition(transition, role, circle, asked, actors):
    step = ADVICE.transition(transition)
    process = bring_to(step.sources[-1], circle, asked)
    if role in step.allowed:
        fire(transition, actors[role], process)
        process.refresh_from_db()
        assert process.state == step.target
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            fire(transition, actors[role], process)
        assert str(refused.value) == str(ADVICE.refusals[step.allowed]) % {"transition": step.label}
        process.refresh_from_db()
        assert process.state == step.sources[-1]


@pytest.mark.parametrize(
    ("transition", "state"),
    [(t.key, s) for t in ADVICE.transitions for s in STATES if s not in t.sources],
)
def test_a_transition_is_refused_from_a_state_it_does_not_leave(transition, state, circle, asked):
    process = bring_to(state, circle, asked)
    with pytest.raises(ValidationError) as refused:
        fire(transition, SYSTEM, process)
    message = refused.value.message_dict["transition"][0]
    assert str(ADVICE.transition(transition).label) in message
    assert str(ADVICE.label(state)) in message


def test_deciding_is_not_fired_as_a_simple_step(circle, asked):
    process = bring_to("seeking", circle, asked)
    with pytest.raises(ValidationError) as refused:
        services.advice_transition(actor=SYSTEM, process=process, transition="decide")
    assert "transition" in refused.value.message_dict


def test_advice_is_asked_of_someone_by_a_future_date(circle):
    with pytest.raises(ValidationError) as refused:
        advice_in(circle.circle, circle.chloe)
    assert "people" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        advice_in(
            circle.circle,
            circle.chloe,
            people=[circle.bruno.person],
            deadline=timezone.now(),
        )
    assert "deadline" in refused.value.message_dict


def test_an_outsider_does_not_start_an_advice_process(circle, asked):
    with pytest.raises(PermissionDenied) as refused:
        advice_in(circle.circle, circle.outsider, people=asked["people"])
    assert str(refused.value) == reason_for("decisions.start_process")


def test_the_people_asked_are_told_in_the_platform_and_by_e_mail(
    circle, asked, django_capture_on_commit_callbacks
):
    process = bring_to("draft", circle, asked)
    assert {p.pk for p in selectors.asked_people(process)} == {
        circle.bruno.person.pk,
        asked["gilles"].person.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_transition(actor=circle.chloe, process=process, transition="ask")
    told = set(
        Notification.objects.filter(url=process_path(process)).values_list("recipient", flat=True)
    )
    assert told == {circle.bruno.pk, asked["gilles"].pk}
    assert {m.to[0] for m in mail.outbox} == {circle.bruno.email, asked["gilles"].email}


def test_asked_people_give_advice_and_others_may_not(circle, asked, actors):
    process = bring_to("seeking", circle, asked)
    services.advice_give(actor=asked["gilles"], process=process, text="Pensez au transport.")
    services.advice_give(actor=asked["gilles"], process=process, text="Pensez à l’autobus.")
    advice = Advice.objects.get()
    assert (advice.person, advice.text, advice.offline) == (
        asked["gilles"].person,
        "Pensez à l’autobus.",
        False,
    )
    assert AuditEvent.objects.filter(verb="decision_process.advice_given").count() == 2
    with pytest.raises(PermissionDenied) as refused:
        services.advice_give(actor=circle.amelie, process=process, text="Moi aussi.")
    assert str(refused.value) == reason_for("decisions.give_advice")
    with pytest.raises(ValidationError) as refused:
        services.advice_give(actor=circle.bruno, process=process, text=" ")
    assert "text" in refused.value.message_dict


@pytest.mark.parametrize("state", ["draft", "decided", "withdrawn"])
def test_advice_is_given_only_while_it_is_sought(state, circle, asked):
    process = bring_to(state, circle, asked)
    with pytest.raises(PermissionDenied):
        services.advice_give(actor=circle.bruno, process=process, text="Trop tard.")
    assert not Advice.objects.exists()


def test_the_decision_maker_records_advice_given_offline(circle, asked, actors):
    process = bring_to("seeking", circle, asked)
    services.advice_give(
        actor=circle.chloe, process=process, text="Dit au téléphone.", person=circle.bruno.person
    )
    advice = Advice.objects.get()
    assert (advice.offline, advice.recorded_by) == (True, circle.chloe)
    with pytest.raises(PermissionDenied) as refused:
        services.advice_give(
            actor=circle.fanny, process=process, text="Non.", person=circle.bruno.person
        )
    assert str(refused.value) == reason_for("decisions.record_advice")
    with pytest.raises(ValidationError) as refused:
        services.advice_give(
            actor=circle.chloe, process=process, text="Non.", person=circle.amelie.person
        )
    assert "person" in refused.value.message_dict


def test_the_decision_and_its_weighing_enter_the_register_with_the_advice(circle, asked):
    process = bring_to("seeking", circle, asked)
    services.advice_give(actor=asked["gilles"], process=process, text="Pensez à l’autobus.")
    with pytest.raises(ValidationError) as refused:
        services.advice_decide(actor=circle.chloe, process=process, decision="D.", weighing="")
    assert "weighing" in refused.value.message_dict
    decision = services.advice_decide(
        actor=circle.chloe,
        process=process,
        decision="Nous louons la salle de Limoilou.",
        weighing="L’avis sur l’autobus a fait choisir une salle sur la ligne 800.",
    )
    assert (decision.kind, decision.text) == ("advice", "Nous louons la salle de Limoilou.")
    assert "ligne 800" in decision.rationale
    rows = {row["voice"]: row for row in decision.participation}
    assert rows["Gilles Pelletier"]["advice"] == "Pensez à l’autobus."
    assert rows["Bruno Gagnon"]["person"] is None


def test_a_decided_advice_process_is_no_longer_under_way(circle, asked):
    process = bring_to("seeking", circle, asked)
    assert process in selectors.my_processes(viewer=circle.amelie).running
    services.advice_decide(actor=circle.chloe, process=process, decision="D.", weighing="W.")
    assert process not in selectors.my_processes(viewer=circle.amelie).running
