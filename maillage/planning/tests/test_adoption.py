"""Adopting an objective through a real consent process: the decision marks it adopted, the
pages link both ways, and the decision's history lists the adoption."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.decisions import services as decisions
from maillage.decisions.models import Decision, Position
from maillage.decisions.tests.factories import general_circle, member_of, to_consent_round
from maillage.planning.models import Objective
from maillage.planning.services.adoption import objective_submit, plan_submit
from maillage.planning.tests.factories import CountTargetFactory, ObjectiveFactory
from maillage.planning.verbs import PlanningVerb

pytestmark = pytest.mark.django_db


def _consent(process, person) -> Decision:
    process = to_consent_round(process)
    decisions.answer_give(actor=person, process=process, position=Position.CONSENT)
    decisions.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def test_an_objective_adopted_by_consent_links_both_ways_and_is_in_the_decisions_history(staff):
    circle = general_circle()
    voter = member_of(circle, first_name="Amélie", last_name="Tremblay")
    objective = ObjectiveFactory(
        title_fr="Réduire la faible revenu", description_fr="Un objectif mesuré."
    )
    CountTargetFactory(objective=objective, label_fr="Organismes engagés")

    process = objective_submit(actor=staff, objective=objective)
    objective.refresh_from_db()
    assert objective.adoption_process == process
    assert process.circle == circle
    assert "Organismes engagés" in process.proposal
    assert objective.adopted_at is None

    decision = _consent(process, voter)
    objective.refresh_from_db()
    assert objective.adopted_at is not None

    client = Client()
    client.force_login(staff)
    objective_page = client.get(reverse("planning:objective_detail", args=[objective.pk]))
    decision_url = reverse("decisions:decision_detail", args=[decision.pk])
    assert decision_url in objective_page.content.decode()

    objective_url = reverse("planning:objective_detail", args=[objective.pk])
    decision_page = client.get(decision_url).content.decode()
    assert objective_url in decision_page
    process_page = client.get(reverse("decisions:process_detail", args=[process.pk]))
    assert objective_url in process_page.content.decode()

    # The decision's history (shown on its page) lists the adoption.
    event = AuditEvent.objects.get(verb=PlanningVerb.DECISION_ADOPTS.value)
    assert event.target_id == str(decision.pk)
    assert event.target_type.model == "decision"
    assert str(PlanningVerb.DECISION_ADOPTS.label) in decision_page
    assert "Réduire la faible revenu" in decision_page.split('class="history"')[1]


def test_a_refused_objective_stays_unadopted(staff):
    circle = general_circle()
    voter = member_of(circle)
    objective = ObjectiveFactory()
    process = to_consent_round(objective_submit(actor=staff, objective=objective))
    decisions.answer_give(
        actor=voter, process=process, position=Position.OBJECTION, reason="Trop vague."
    )
    decisions.consent_round_close(actor=SYSTEM, process=process)
    objective.refresh_from_db()
    assert objective.adopted_at is None


def test_a_plan_is_put_to_consent_with_its_vision_and_objectives(staff):
    general_circle()
    objective = ObjectiveFactory(title_fr="Briser l'isolement", orientation__plan__adopted_at=None)
    plan = objective.orientation.plan
    process = plan_submit(actor=staff, plan=plan)
    assert plan.vision_fr in process.proposal
    assert "Briser l'isolement" in process.proposal
    assert Objective.objects.get(pk=objective.pk).adoption_process is None


def test_only_staff_submit_for_adoption(client_as):
    from django.core.exceptions import PermissionDenied

    from maillage.core.roles import Role
    from maillage.core.tests.factories import user_with_role

    general_circle()
    with pytest.raises(PermissionDenied):
        objective_submit(actor=user_with_role(Role.MEMBER), objective=ObjectiveFactory())
