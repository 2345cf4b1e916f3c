"""An asynchronous consent in which one member objects goes to integration, is amended and
passes; the register shows the decision with its rounds and the objection; the consented
decision's new workstream exists afterwards, with the decision in its history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.decisions.models import Decision, Process
from maillage.decisions.tasks import close_due_processes
from maillage.decisions.verbs import DecisionVerb
from maillage.governance import selectors as governance_selectors
from maillage.governance.models import Workstream

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def step(client: Client, process: Process, transition: str, deadline: str = "") -> None:
    response = client.post(
        reverse("decisions:process_transition", kwargs={"pk": process.pk}),
        {"transition": transition, "deadline": deadline},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def answer(client: Client, process: Process, position: str, reason: str = "") -> None:
    response = client.post(
        reverse("decisions:answer_give", kwargs={"pk": process.pk}),
        {"position": position, "reason": reason},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_objection_integration_amendment_consent_and_the_new_workstream(circle, staff_user):
    chloe, fanny, amelie = login(circle.chloe), login(circle.fanny), login(circle.amelie)
    # Chloé puts a proposal carrying a new workstream; Fanny facilitates.
    response = chloe.post(
        reverse("decisions:circle_process_create", kwargs={"slug": circle.circle.slug}),
        {
            "title": "Créer un chantier sur le logement des aînés",
            "proposal": "Le cercle crée un chantier pour documenter les besoins.",
            "rationale": "Les listes d'attente s'allongent.",
            "mode": "async",
            "visibility": "public",
            "facilitator": circle.fanny.pk,
            "change": "workstream.create",
            "workstream_name": "Logement des aînés",
            "workstream_mandate": "Documenter les besoins des aînés.",
        },
    )
    assert response.status_code == 302
    process = Process.objects.get()
    assert process.changes.get().params["sponsors"] == [circle.circle.slug]
    for transition in ("present", "open_clarifying", "open_reactions"):
        step(fanny, process, transition)
    first_deadline = timezone.now() + dt.timedelta(days=2)
    step(fanny, process, "open_consent", local(first_deadline))

    # Amélie objects; the others consent.
    answer(amelie, process, "objection", "Le mandat oublie les aînés des MRC rurales.")
    for user in (circle.bruno, circle.chloe, circle.fanny):
        answer(login(user), process, "consent")
    assert close_due_processes.call(timezone.now().isoformat()) == 0  # not yet due
    assert close_due_processes.call((first_deadline + dt.timedelta(minutes=1)).isoformat()) == 1
    process.refresh_from_db()
    assert process.state == "integrating"
    assert not Workstream.objects.filter(name="Logement des aînés").exists()

    # Chloé integrates the objection; a second consent round passes.
    amend_url = reverse("decisions:process_amend", kwargs={"pk": process.pk})
    form = chloe.get(amend_url).context["form"]
    response = chloe.post(
        amend_url,
        {
            "title": process.title,
            "text": "Le cercle crée un chantier sur les besoins, en ville et en MRC rurale.",
            "note": "Intègre l'objection d'Amélie.",
            "version": form["version"].value(),
        },
    )
    assert response.status_code == 302
    second_deadline = timezone.now() + dt.timedelta(days=4)
    step(fanny, process, "open_consent", local(second_deadline))
    for user in (circle.amelie, circle.bruno, circle.chloe, circle.fanny):
        answer(login(user), process, "consent")
    assert close_due_processes.call((second_deadline + dt.timedelta(minutes=1)).isoformat()) == 1
    process.refresh_from_db()
    assert (process.state, process.version) == ("consented", 2)

    # The register shows the decision, to anyone since it is public, with its rounds.
    decision = Decision.objects.get()
    anonymous = Client()
    register = anonymous.get(reverse("decisions:register")).content.decode()
    assert decision.title in register
    page = anonymous.get(reverse("decisions:decision_detail", kwargs={"pk": decision.pk}))
    text = page.content.decode()
    assert "Le mandat oublie les aînés des MRC rurales." in text  # the objection
    assert text.count('id="round-') == 4  # clarifying, reactions, two consent rounds
    assert "en MRC rurale" in text
    assert [row["position"] for row in decision.participation] == ["consent"] * 4

    # The new workstream exists, sponsored by the circle, the decision in its history.
    workstream = Workstream.objects.get(name="Logement des aînés")
    assert list(workstream.sponsors.all()) == [circle.circle]
    history = governance_selectors.governance_history(viewer=staff_user, workstream=workstream)
    applied = [e for e in history if e.verb == DecisionVerb.DECISION_APPLIED]
    assert [e.payload["decision"] for e in applied] == [decision.pk]
    staff_page = login(staff_user).get(
        reverse("governance:workstream_detail", kwargs={"slug": workstream.slug})
    )
    assert decision.title in staff_page.content.decode()
    assert AuditEvent.objects.filter(verb=DecisionVerb.DECISION_TAKEN).count() == 1
