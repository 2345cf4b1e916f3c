"""The structural changes a proposal carries, typed in its form: a sub-circle, a role amended,
a policy adopted or amended; each becomes its governance action's parameters, refused at its
fields, and is applied once consented, the decision in the history of what it changed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.decisions import services
from maillage.decisions.forms import ProcessForm
from maillage.decisions.models import Decision, Position, Process, ProcessMode
from maillage.decisions.tests.factories import to_consent_round
from maillage.decisions.verbs import DecisionVerb
from maillage.governance import selectors as governance_selectors
from maillage.governance import services as governance_services
from maillage.governance.models import Circle, Policy, Role
from maillage.governance.tests.factories import PolicyFactory, RoleFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def propose(client: Client, group_url: str, change: str, **fields):
    data = {
        "title": "Une proposition",
        "proposal": "Nous proposons ce changement.",
        "mode": ProcessMode.LIVE,
        "visibility": "internal",
        "change": change,
        **fields,
    }
    return client.post(group_url, data)


def _consent(circle, process: Process) -> Decision:
    process = to_consent_round(process)
    services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    services.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def applied_to(target) -> list[int]:
    """The decisions named in the history of `target` as having changed it."""
    return [
        event.payload["decision"]
        for event in AuditEvent.objects.filter(
            verb=DecisionVerb.DECISION_APPLIED, target_id=str(target.pk)
        )
    ]


@pytest.fixture
def chloe(circle) -> Client:
    client = Client()
    client.force_login(circle.chloe)
    return client


def create_url(circle) -> str:
    return reverse("decisions:circle_process_create", kwargs={"slug": circle.circle.slug})


def last_process() -> Process:
    return Process.objects.order_by("-pk").first()


def test_a_consented_proposal_creates_the_sub_circle(circle, chloe):
    response = propose(
        chloe,
        create_url(circle),
        "circle.create",
        circle_name="Logement des aînés",
        circle_purpose="Que les aînés restent chez eux.",
    )
    assert response.status_code == 302
    assert not Circle.objects.filter(name="Logement des aînés").exists()
    decision = _consent(circle, last_process())
    created = Circle.objects.get(name="Logement des aînés")
    assert created.parent == circle.circle and created.purpose == "Que les aînés restent chez eux."
    assert applied_to(created) == [decision.pk]


def test_a_consented_proposal_amends_the_role(circle, chloe):
    role = RoleFactory(circle=circle.circle, name="Veille", purpose="Suivre l'actualité.")
    response = propose(
        chloe,
        create_url(circle),
        "role.amend",
        role=role.pk,
        role_purpose="Suivre l'actualité du logement.",
        role_accountabilities="Lire les bulletins\nRésumer chaque mois",
    )
    assert response.status_code == 302
    decision = _consent(circle, last_process())
    role.refresh_from_db()
    assert role.name == "Veille" and role.purpose == "Suivre l'actualité du logement."
    assert [a.text for a in role.accountabilities.order_by("position")] == [
        "Lire les bulletins",
        "Résumer chaque mois",
    ]
    assert applied_to(role) == [decision.pk]


def test_a_consented_proposal_adopts_then_amends_a_policy(circle, chloe):
    response = propose(
        chloe,
        create_url(circle),
        "policy.adopt",
        policy_title="Frais de garde",
        policy_text="Les frais de garde sont remboursés.",
        policy_review="2030-01-15",
    )
    assert response.status_code == 302
    decision = _consent(circle, last_process())
    policy = Policy.objects.get(title="Frais de garde")
    assert policy.circle == circle.circle and str(policy.review_date) == "2030-01-15"
    assert applied_to(policy) == [decision.pk]
    response = propose(
        chloe, create_url(circle), "policy.amend", policy=policy.pk, policy_text="Remboursés."
    )
    assert response.status_code == 302
    amended = _consent(circle, last_process())
    policy.refresh_from_db()
    assert policy.title == "Frais de garde" and policy.text == "Remboursés."
    assert sorted(applied_to(policy)) == [decision.pk, amended.pk]


def test_each_change_is_refused_at_its_fields_keeping_what_was_typed(circle, chloe):
    other = RoleFactory(name="Rôle d'un autre cercle")
    foreign_policy = PolicyFactory(title="Politique d'ailleurs")
    cases = [
        ("circle.create", {"circle_purpose": "Sans nom."}, "circle_name"),
        ("role.amend", {"role": other.pk}, "role"),
        ("role.amend", {"role_name": "Sans rôle"}, "role"),
        ("policy.adopt", {"policy_title": "Sans texte"}, "policy_text"),
        ("policy.adopt", {"policy_title": "T", "policy_text": "x", "policy_review": "x"}, None),
        ("policy.amend", {"policy": foreign_policy.pk}, "policy"),
    ]
    for change, fields, field in cases:
        response = propose(chloe, create_url(circle), change, **fields)
        assert response.status_code == 400, (change, fields)
        errors = response.context["form"].errors
        assert (field or "policy_review") in errors, (change, errors)
        assert "Nous proposons ce changement." in response.content.decode()
    assert not Process.objects.exists()


def test_a_workstream_offers_no_sub_circle_nor_policy(db):
    workstream = WorkstreamFactory()
    form = ProcessForm(group=workstream)
    offered = [key for key, _label in form.fields["change"].choices]
    assert offered == ["", "workstream.create", "role.amend"]
    assert "policy" not in form.fields and "circle_name" not in form.fields
    assert "role" in form.fields
    assert Role.objects.count() == 0


def test_the_history_marks_the_staff_direct_corrections_not_the_decisions(circle, chloe):
    propose(chloe, create_url(circle), "circle.create", circle_name="Logement des aînés")
    _consent(circle, last_process())
    created = Circle.objects.get(name="Logement des aînés")
    staff = user_with_role(PlatformRole.STAFF)
    data = governance_services.circle_data_of(created)
    data.purpose = "Corrigée par l'équipe."
    governance_services.circle_amend(actor=staff, circle=created, data=data)
    history = governance_selectors.governance_history(viewer=staff, circle=created)
    marked = {(event.verb, event.correction) for event in history}
    assert ("circle.amended", True) in marked
    assert ("circle.created", False) in marked
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("governance:circle_detail", kwargs={"slug": created.slug})).text
    assert page.count("correction directe, hors décision") == 1
