"""The reads of consultations: drafts stay with their group and staff; the order and filters."""

from __future__ import annotations

import pytest

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.governance.models import Strategy
from maillage.participation.models import PhaseKind
from maillage.participation.selectors.consultations import (
    ConsultationFilters,
    consultation_detail,
    consultation_list,
    gathering_now,
    in_territory,
    timeline,
)
from maillage.participation.tests.factories import (
    CircleFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
)
from maillage.territories.tests.factories import MrcFactory, MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


def titles(page) -> list[str]:
    return [c.title_fr for c in page.object_list]


def test_drafts_are_hidden_from_the_public_and_other_groups():
    ConsultationFactory(title_fr="Publique")
    draft = ConsultationFactory(title_fr="Brouillon", published_at=None, circle=CircleFactory())
    assert titles(consultation_list(viewer=citizen())) == ["Publique"]
    assert titles(consultation_list(viewer=member_of(CircleFactory()))) == ["Publique"]
    assert "Brouillon" in titles(consultation_list(viewer=member_of(draft.circle)))
    assert "Brouillon" in titles(consultation_list(viewer=user_with_role(Role.STAFF)))
    assert consultation_detail(viewer=citizen(), slug=draft.slug) is None
    assert consultation_detail(viewer=member_of(draft.circle), slug=draft.slug) == draft


def test_the_list_shows_those_open_now_then_coming_then_past():
    ConsultationFactory(title_fr="Passée", phase=PhaseKind.REPORT)
    ConsultationFactory(title_fr="À venir", phase=PhaseKind.INFORMATION)
    ConsultationFactory(title_fr="En cours", phase=PhaseKind.CONTRIBUTIONS)
    assert titles(consultation_list(viewer=citizen())) == ["En cours", "À venir", "Passée"]


def test_filters_by_territory_within_strategy_and_phase():
    region = RegionFactory()
    mrc = MrcFactory(parent=region)
    town = MunicipalityFactory(parent=mrc)
    strategy = Strategy.objects.create(key="action", name_fr="Action", name_en="Action")
    here = ConsultationFactory(title_fr="Ici")
    here.territories.set([town])
    here.strategies.set([strategy])
    ConsultationFactory(title_fr="Ailleurs", phase=PhaseKind.ANALYSIS)
    viewer = citizen()
    assert titles(consultation_list(viewer=viewer, filters=ConsultationFilters(territory=mrc))) == [
        "Ici"
    ]
    assert titles(
        consultation_list(viewer=viewer, filters=ConsultationFilters(strategy=strategy))
    ) == ["Ici"]
    assert titles(
        consultation_list(viewer=viewer, filters=ConsultationFilters(phase=PhaseKind.ANALYSIS))
    ) == ["Ailleurs"]


def test_the_detail_counts_shown_proposals_and_marks_the_current_phase():
    consultation = ConsultationFactory(phase=PhaseKind.ANALYSIS)
    ProposalFactory.create_batch(3, consultation=consultation)
    hidden = ProposalFactory(consultation=consultation)
    hidden.hidden_at, hidden.hidden_reason = hidden.created_at, "Hors sujet."
    hidden.save()
    found = consultation_detail(viewer=citizen(), slug=consultation.slug)
    assert found is not None and found.proposal_count == 3
    steps = timeline(found)
    assert [s.kind for s in steps if s.current] == [PhaseKind.ANALYSIS]
    assert [s.done for s in steps] == [True, True, False, False]


def test_gathering_now_keeps_published_consultations_open_to_contributions():
    ConsultationFactory(title_fr="Ouverte")
    ConsultationFactory(title_fr="Brouillon", published_at=None)
    ConsultationFactory(title_fr="Analyse", phase=PhaseKind.ANALYSIS)
    found = gathering_now()
    assert found.count == 1 and [c.title_fr for c in found.consultations] == ["Ouverte"]


def test_a_territory_sees_its_consultations_and_their_latest_proposals():
    mrc = MrcFactory(parent=RegionFactory())
    town = MunicipalityFactory(parent=mrc)
    here = ConsultationFactory(title_fr="Ici")
    here.territories.set([town])
    ProposalFactory(consultation=here, title="Un jardin collectif")
    elsewhere = ConsultationFactory(title_fr="Ailleurs")
    ProposalFactory(consultation=elsewhere, title="Nommée ici", territory=town)
    ProposalFactory(consultation=elsewhere, title="Pas ici")
    draft = ConsultationFactory(published_at=None)
    draft.territories.set([mrc])
    found = in_territory(territory=mrc)
    assert [c.title_fr for c in found.consultations] == ["Ici"]
    assert {p.title for p in found.proposals} == {"Un jardin collectif", "Nommée ici"}
