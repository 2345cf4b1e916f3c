"""A consultation on the trail: answered by its group's members, its report back written on its
page and shown to the public."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.decisions.tests.factories import member_of
from maillage.participation.models import TrailStatus
from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory, citizen

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_consultations_member_writes_the_report_back_that_the_public_reads():
    consultation = ConsultationFactory(phase="report")
    ProposalFactory(consultation=consultation, title="Un autobus le samedi")
    member = member_of(consultation.circle)
    write = reverse("participation:consultation_report_back", kwargs={"slug": consultation.slug})
    report = reverse("participation:consultation_report", kwargs={"slug": consultation.slug})
    missing = _client(member).post(write, {"heard_fr": "Beaucoup de monde.", "decided_fr": ""})
    assert missing.status_code == 400 and "Beaucoup de monde." in missing.text
    done = _client(member).post(
        write,
        {
            "heard_fr": "Beaucoup de monde.",
            "decided_fr": "Un autobus le samedi, dès l’automne.",
            "not_retained_fr": "Le tramway : trop coûteux pour la région.",
            "heard_en": "Many people.",
        },
    )
    assert done.status_code == 302 and done.headers["Location"] == report
    public = _client().get(report)
    assert "Un autobus le samedi, dès l’automne." in public.text
    assert "Le tramway : trop coûteux pour la région." in public.text
    assert "Un autobus le samedi" in public.text
    assert 'href="' + write not in public.text
    # The way back: the consultations, then this one.
    crumbs = public.text.split('aria-label="Fil d’Ariane"')[1].split("</nav>")[0]
    assert f'href="/participation/consultations/{consultation.slug}/"' in crumbs
    assert 'href="/participation/"' in crumbs


def test_a_consultations_synthesis_is_answered_on_its_own_trail():
    consultation = ConsultationFactory(phase="analysis")
    member = member_of(consultation.circle)
    answer = reverse(
        "participation:trail_answer", kwargs={"kind": "consultation", "pk": consultation.pk}
    )
    move = reverse(
        "participation:trail_move", kwargs={"kind": "consultation", "pk": consultation.pk}
    )
    assert _client(member).get(answer).status_code == 200
    assert _client(citizen()).get(answer).status_code == 403
    moved = _client(member).post(move, {"transition": "study", "reason": "Synthèse en cours."})
    assert moved.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == TrailStatus.UNDER_STUDY
    trail = _client().get(
        reverse("participation:trail", kwargs={"kind": "consultation", "pk": consultation.pk})
    )
    assert "Synthèse en cours." in trail.text


def test_an_unknown_kind_of_input_is_not_found():
    url = reverse("participation:trail", kwargs={"kind": "comment", "pk": 1})
    assert _client().get(url).status_code == 404
