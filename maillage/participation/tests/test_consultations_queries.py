"""The consultations' pages, a territory's page and the live block keep their query counts as
consultations and proposals grow from 10 to 1,000."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.decisions.tests.factories import member_of
from maillage.participation.models import PHASE_ORDER, Consultation, Phase, Proposal
from maillage.participation.tests.factories import ConsultationFactory, general_circle
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db


def grow(consultations: int, *, territory=None, start: int = 0) -> None:
    """`consultations` published consultations with their phases, in bulk, a tenth open now."""
    today = timezone.localdate()
    circle = general_circle()
    made = Consultation.objects.bulk_create(
        Consultation(
            slug=f"masse-{start + n}",
            title_fr=f"Consultation {start + n}",
            question_fr="Votre avis?",
            circle=circle,
            starts_on=today - dt.timedelta(days=15 + n % 40),
            ends_on=today + dt.timedelta(days=25 - n % 40),
            published_at=timezone.now(),
        )
        for n in range(consultations)
    )
    Phase.objects.bulk_create(
        Phase(
            consultation=c,
            kind=kind,
            starts_on=c.starts_on + dt.timedelta(days=10 * i),
            ends_on=c.starts_on + dt.timedelta(days=10 * i + 9),
        )
        for c in made
        for i, kind in enumerate(PHASE_ORDER)
    )
    if territory is not None:
        Consultation.territories.through.objects.bulk_create(
            Consultation.territories.through(consultation=c, territory=territory) for c in made
        )


def proposals(consultation: Consultation, count: int, *, territory=None) -> None:
    Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            display_name=f"Voisin{n}",
            title=f"Idée {n}",
            text="Une idée.",
            territory=territory,
        )
        for n in range(count)
    )


def test_the_list_keeps_its_queries_from_10_to_1000_consultations(client, query_budget):
    meter = query_budget(6)
    url = reverse("participation:consultation_list")
    grow(10)
    small = meter.get(client, url)
    grow(990, start=10)
    assert meter.get(client, url) == small
    assert meter.get(client, f"{url}?page=3&phase=contributions") <= small + 1


def test_the_list_of_a_member_keeps_its_queries(client, query_budget):
    client.force_login(member_of(general_circle()))
    meter = query_budget(12)
    url = reverse("participation:consultation_list")
    grow(10)
    small = meter.get(client, url)
    grow(990, start=10)
    assert meter.get(client, url) == small


def test_a_consultations_page_keeps_its_queries_from_10_to_1000_proposals(client, query_budget):
    meter = query_budget(10)
    consultation = ConsultationFactory()
    url = reverse("participation:consultation_detail", kwargs={"slug": consultation.slug})
    proposals(consultation, 10)
    small = meter.get(client, url)
    proposals(consultation, 990)
    assert meter.get(client, url) == small
    text = client.get(url).text
    assert re.search(r"1\s?000 propositions", text)


def test_a_territorys_panel_keeps_its_queries(client, query_budget):
    mrc = MrcFactory(parent=RegionFactory(), name="Portneuf")
    url = reverse("territories:detail", kwargs={"slug": mrc.slug})
    meter = query_budget(40)
    grow(10, territory=mrc)
    proposals(Consultation.objects.first(), 10, territory=mrc)
    small = meter.get(client, url)
    grow(990, territory=mrc, start=10)
    proposals(Consultation.objects.last(), 990, territory=mrc)
    assert meter.get(client, url) == small
    page = client.get(url).text
    assert "Les consultations ici" in page and "Les dernières propositions" in page
    assert "Voisin" in page  # the name shown; never an account


def test_the_territory_panel_says_when_nothing_concerns_it(client):
    mrc = MrcFactory(parent=RegionFactory())
    page = client.get(reverse("territories:detail", kwargs={"slug": mrc.slug})).text
    assert "Aucune consultation ne concerne ce territoire pour le moment." in page


def test_the_panel_follows_a_new_consultation(client):
    mrc = MrcFactory(parent=RegionFactory())
    url = reverse("territories:detail", kwargs={"slug": mrc.slug})
    assert "Nouvelle question" not in client.get(url).text
    ConsultationFactory(title_fr="Nouvelle question").territories.set([mrc])
    assert "Nouvelle question" in client.get(url).text
