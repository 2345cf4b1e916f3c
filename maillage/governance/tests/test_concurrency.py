"""Two people amending the same circle at once: one change is saved, the other is refused with the
"changed since you opened it" page, and nobody gets a server error (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.editing import in_parallel, opened_data
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Circle
from maillage.governance.tests.factories import CircleFactory
from maillage.governance.verbs import GovernanceVerb

CHANGED = "Cette fiche a été modifiée depuis que vous l’avez ouverte"


def _amend_url(circle: Circle) -> str:
    # In French whatever an earlier request of this process left active.
    with translation.override("fr-ca"):
        return reverse("governance:circle_amend", kwargs={"slug": circle.slug})


def _staff_client(first_name: str) -> Client:
    user = user_with_role(Role.STAFF)
    user.first_name, user.last_name = first_name, "Coordination"
    user.save()
    client = Client(raise_request_exception=False)  # a server error is a status to report
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_two_parallel_amendments_one_succeeds_the_other_is_told_with_its_text_kept():
    circle = CircleFactory(name="Logement", purpose="Le texte d’origine.")
    url = _amend_url(circle)
    lucie, marc = _staff_client("Lucie"), _staff_client("Marc")
    opened = opened_data(lucie.get(url).context["form"])
    typed = {
        "Lucie": {**opened, "purpose": "Le texte de Lucie."},
        "Marc": {**opened, "purpose": "Le texte de Marc."},
    }

    answers = in_parallel(
        lambda: lucie.post(url, typed["Lucie"]), lambda: marc.post(url, typed["Marc"])
    )

    assert not [a for a in answers if isinstance(a, BaseException)], answers
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [302, 409], statuses
    saved = next(a for a in answers if a.status_code == 302)
    refused = next(a for a in answers if a.status_code == 409)
    winner = "Lucie" if saved is answers[0] else "Marc"
    loser = "Marc" if winner == "Lucie" else "Lucie"
    assert CHANGED in refused.text
    assert f"{winner} Coordination" in refused.text  # who saved it in between
    assert f"Le texte de {loser}." in refused.text  # what the person typed is kept
    form = refused.context["form"]
    assert form["purpose"].value() == f"Le texte de {loser}."
    assert [(d.saved, d.typed) for d in form.conflict.differences] == [
        (f"Le texte de {winner}.", f"Le texte de {loser}.")
    ]
    circle = Circle.objects.get(pk=circle.pk)
    assert circle.purpose == f"Le texte de {winner}."
    assert form["version"].value() == circle.updated_at.isoformat()
    amended = AuditEvent.objects.filter(
        verb=GovernanceVerb.CIRCLE_AMENDED, target_id=str(circle.pk)
    )
    assert amended.count() == 1


@pytest.mark.django_db
def test_the_refused_person_sends_again_deliberately_and_it_is_saved():
    circle = CircleFactory(name="Mobilité", purpose="Avant.")
    url = _amend_url(circle)
    lucie, marc = _staff_client("Lucie"), _staff_client("Marc")
    opened = opened_data(lucie.get(url).context["form"])
    assert lucie.post(url, {**opened, "purpose": "Par Lucie."}).status_code == 302
    refused = marc.post(url, {**opened, "purpose": "Par Marc."})
    assert refused.status_code == 409
    again = marc.post(url, opened_data(refused.context["form"]))
    assert again.status_code == 302
    assert Circle.objects.get(pk=circle.pk).purpose == "Par Marc."
