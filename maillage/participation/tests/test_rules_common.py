"""Who sees a consultation, who may contribute, moderate and answer an input."""

from __future__ import annotations

import pytest

from maillage.core.permissions import has_perm
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Moderator, PhaseKind
from maillage.participation.rules.common import current_phase
from maillage.participation.tests.factories import (
    CircleFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
)

pytestmark = pytest.mark.django_db


def test_an_unpublished_consultation_is_seen_by_its_group_and_staff_only():
    consultation = ConsultationFactory(published_at=None)
    member = member_of(consultation.circle)
    assert not has_perm(citizen(), "participation.view_consultation", consultation)
    assert not has_perm(
        user_with_role(Role.MEMBER), "participation.view_consultation", consultation
    )
    assert has_perm(member, "participation.view_consultation", consultation)
    assert has_perm(user_with_role(Role.STAFF), "participation.view_consultation", consultation)


def test_contributing_needs_a_verified_address_and_the_contributions_phase():
    open_ = ConsultationFactory()
    analysed = ConsultationFactory(phase=PhaseKind.ANALYSIS)
    assert current_phase(open_) == PhaseKind.CONTRIBUTIONS
    assert current_phase(analysed) == PhaseKind.ANALYSIS
    assert has_perm(citizen(), "participation.contribute", open_)
    assert not has_perm(citizen(verified=False), "participation.contribute", open_)
    assert not has_perm(citizen(), "participation.contribute", analysed)


def test_named_moderators_moderate_their_groups_consultations_only():
    consultation = ConsultationFactory()
    elsewhere = ConsultationFactory(circle=CircleFactory())
    moderator = member_of(consultation.circle)
    Moderator.objects.create(circle=consultation.circle, account=moderator)
    assert has_perm(moderator, "participation.moderate", consultation)
    assert not has_perm(moderator, "participation.moderate", elsewhere)
    assert not has_perm(member_of(consultation.circle), "participation.moderate", consultation)
    assert has_perm(user_with_role(Role.STAFF), "participation.moderate", elsewhere)


def test_the_members_of_the_group_an_input_is_routed_to_answer_it():
    proposal = ProposalFactory()
    other = CircleFactory()
    assert has_perm(member_of(proposal.routed_circle), "participation.answer_input", proposal)
    proposal.routed_circle = other
    assert not has_perm(
        member_of(proposal.consultation.circle), "participation.answer_input", proposal
    )
    assert has_perm(member_of(other), "participation.answer_input", proposal)


def test_staff_and_its_group_manage_a_consultation_and_partners_record_in_person():
    consultation = ConsultationFactory()
    closed = ConsultationFactory(phase=PhaseKind.REPORT)
    partner = user_with_role(Role.MEMBER)
    assert has_perm(
        member_of(consultation.circle), "participation.manage_consultation", consultation
    )
    assert not has_perm(partner, "participation.manage_consultation", consultation)
    assert has_perm(user_with_role(Role.STAFF), "participation.manage_consultation", consultation)
    assert has_perm(partner, "participation.record_in_person", consultation)
    assert not has_perm(partner, "participation.record_in_person", closed)
    assert not has_perm(citizen(), "participation.record_in_person", consultation)
