"""The annual progress report: a PDF in French or English holding each orientation, objective
and target of the plan (read back from the PDF's text), with where each target stands."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from maillage.planning.models import ActionStatus, ProgressUpdate
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    ObjectiveFactory,
    OrientationFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def plan():
    plan = PlanFactory(slug="plan-regional", title_fr="Plan régional", title_en="Regional plan")
    for o in range(2):
        orientation = OrientationFactory(
            plan=plan, title_fr=f"Orientation Alpha{o}", title_en=f"Orientation Bravo{o}"
        )
        for j in range(2):
            objective = ObjectiveFactory(
                orientation=orientation,
                title_fr=f"Objectif Charlie{o}{j}",
                title_en=f"Objective Delta{o}{j}",
            )
            ActionFactory(
                objective=objective, title_fr=f"Action Echo{o}{j}", status=ActionStatus.COMPLETED
            )
            target = CountTargetFactory(
                objective=objective, label_fr=f"Cible Foxtrot{o}{j}", label_en=f"Target Golf{o}{j}"
            )
            ProgressUpdate.objects.create(
                objective=objective, target=target, date=dt.date(2025, 6, 1), value=Decimal(7)
            )
    return plan


def test_the_french_report_holds_each_orientation_objective_and_target(client, plan):
    url = reverse("planning:plan_report", kwargs={"slug": plan.slug, "year": 2025})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Rapport d’étape 2025" in text or "Rapport d'étape 2025" in text
    for o in range(2):
        assert f"Orientation Alpha{o}" in text
        for j in range(2):
            assert f"Objectif Charlie{o}{j}" in text
            assert f"Cible Foxtrot{o}{j}" in text
            assert f"Action Echo{o}{j}" in text
    with translation.override("fr"):
        assert f"Action Echo00 — {ActionStatus.COMPLETED.label}" in " ".join(text.split())


def test_the_english_report_holds_the_english_titles(client, plan):
    url = reverse("planning:plan_report", kwargs={"slug": plan.slug, "year": 2025})
    text = text_of(client.get(url + "?langue=en").content)
    assert "Progress report 2025" in text
    for o in range(2):
        assert f"Orientation Bravo{o}" in text
        for j in range(2):
            assert f"Objective Delta{o}{j}" in text and f"Target Golf{o}{j}" in text


def test_a_year_outside_the_plan_is_not_found(client, plan):
    url = reverse("planning:plan_report", kwargs={"slug": plan.slug, "year": 1999})
    assert client.get(url).status_code == 404
