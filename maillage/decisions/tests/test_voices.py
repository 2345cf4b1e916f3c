"""Who takes part and with what voice: one voice per organization, a substitute's answer counts
when the holder has not answered and never twice, answers recorded offline say who recorded
them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.models import Answer, Channel, Position
from maillage.decisions.tests.factories import (
    member_of,
    seated_member,
    start,
    to_consent_round,
    user_with_person,
)
from maillage.governance.models import Membership, RoleKind
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory


@pytest.fixture
def open_round(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    return to_consent_round(process)


def _tally(process):
    current = process.rounds.get(closed_at__isnull=True)
    return selectors.tally(selectors.voices(process.group), current.answers.all())


def _voice(result, organization):
    return next(v for v in result.voices if v.organization == organization)


def test_voices_are_one_per_organization_and_one_per_member_without_a_seat(circle):
    voices = selectors.voices(circle.circle)
    assert sorted(v.name for v in voices if v.organization is None) == [
        "Chloé Roy",
        "Fanny Bouchard",
    ]
    organizations = [v for v in voices if v.organization is not None]
    assert len(organizations) == 2
    amelie = _voice(selectors.tally(voices, []), circle.seat.organization)
    assert [p.first_name for p in amelie.holders] == ["Amélie"]
    assert [p.first_name for p in amelie.substitutes] == ["Nathan"]


def test_two_members_sitting_for_one_organization_make_one_voice(circle):
    seated_member(circle.circle, organization=circle.seat.organization, first_name="Denis")
    voices = selectors.voices(circle.circle)
    same = [v for v in voices if v.organization == circle.seat.organization]
    assert len(same) == 1
    assert sorted(p.first_name for p in same[0].holders) == ["Amélie", "Denis"]


def test_a_role_holder_sitting_through_the_role_speaks_for_its_organization(circle):
    person_user, seat = seated_member(circle.circle, first_name="Rita")
    Membership.objects.filter(person=person_user.person).delete()
    role = RoleFactory(circle=circle.circle, kind=RoleKind.FACILITATOR)
    assignment = RoleAssignmentFactory(role=role, person=person_user.person, seat=seat)
    Membership.objects.create(
        person=person_user.person, circle=circle.circle, source="link", assignment=assignment
    )
    voice = next(v for v in selectors.voices(circle.circle) if v.organization == seat.organization)
    assert [p.first_name for p in voice.holders] == ["Rita"]


def test_a_substitute_answer_counts_when_the_holder_has_not_answered(circle, open_round):
    answer = services.answer_give(
        actor=circle.nathan, process=open_round, position=Position.CONSENT
    )
    assert (answer.organization, answer.as_substitute) == (circle.seat.organization, True)
    result = _tally(open_round)
    voice = _voice(result, circle.seat.organization)
    assert voice.answer == answer
    assert (result.consents, result.objections, result.waiting) == (1, 0, 3)


def test_the_holder_answer_wins_and_nothing_counts_twice(circle, open_round):
    services.answer_give(actor=circle.nathan, process=open_round, position=Position.CONSENT)
    holder = services.answer_give(
        actor=circle.amelie,
        process=open_round,
        position=Position.OBJECTION,
        reason="Le budget ne suit pas.",
    )
    result = _tally(open_round)
    voice = _voice(result, circle.seat.organization)
    assert voice.answer == holder
    assert [a.person.first_name for a in voice.others] == ["Nathan"]
    assert (result.consents, result.objections, result.waiting) == (0, 1, 3)


def test_the_substitute_answering_after_the_holder_does_not_count(circle, open_round):
    services.answer_give(actor=circle.amelie, process=open_round, position=Position.CONSENT)
    services.answer_give(
        actor=circle.nathan,
        process=open_round,
        position=Position.OBJECTION,
        reason="Je ne suis pas d'accord.",
    )
    result = _tally(open_round)
    assert (result.consents, result.objections) == (1, 0)
    # Closing counts the same way: the holder's consent, not the substitute's objection.
    for user in (circle.bruno, circle.chloe, circle.fanny):
        services.answer_give(actor=user, process=open_round, position=Position.CONSENT)
    services.consent_round_close(actor=circle.fanny, process=open_round)
    open_round.refresh_from_db()
    assert open_round.state == "consented"


def test_answering_again_replaces_the_earlier_answer(circle, open_round):
    services.answer_give(actor=circle.chloe, process=open_round, position=Position.CONSENT)
    services.answer_give(
        actor=circle.chloe, process=open_round, position=Position.OBJECTION, reason="Réflexion."
    )
    assert Answer.objects.filter(person=circle.chloe.person).count() == 1
    assert _tally(open_round).objections == 1


def test_an_objection_without_its_reasoning_is_refused_at_the_field(circle, open_round):
    with pytest.raises(ValidationError) as refused:
        services.answer_give(actor=circle.chloe, process=open_round, position=Position.OBJECTION)
    assert "reason" in refused.value.message_dict
    assert not Answer.objects.exists()


def test_someone_outside_the_circle_may_not_answer(circle, open_round):
    with pytest.raises(PermissionDenied) as refused:
        services.answer_give(actor=circle.outsider, process=open_round, position=Position.CONSENT)
    assert "membres" in str(refused.value) or "members" in str(refused.value)


def test_a_member_who_left_no_longer_answers(circle, open_round):
    Membership.objects.filter(person=circle.chloe.person).update(
        ended_at=open_round.created_at, end_reason="left"
    )
    with pytest.raises(PermissionDenied):
        services.answer_give(actor=circle.chloe, process=open_round, position=Position.CONSENT)


def test_the_facilitator_records_an_answer_given_offline(circle, open_round):
    answer = services.answer_give(
        actor=circle.fanny,
        process=open_round,
        person=circle.bruno.person,
        position=Position.OBJECTION,
        reason="Dit au téléphone : le calendrier ne convient pas aux organismes ruraux.",
    )
    assert (answer.channel, answer.recorded_by, answer.offline) == (
        Channel.OFFLINE,
        circle.fanny,
        True,
    )
    assert answer.organization is not None


def test_only_the_facilitator_or_staff_record_for_someone(circle, open_round):
    with pytest.raises(PermissionDenied) as refused:
        services.answer_give(
            actor=circle.chloe,
            process=open_round,
            person=circle.bruno.person,
            position=Position.CONSENT,
        )
    assert "facilitat" in str(refused.value) or "animat" in str(refused.value)
    assert not Answer.objects.exists()


def test_recording_for_someone_outside_the_circle_is_refused_at_the_field(circle, open_round):
    stranger = user_with_person().person
    with pytest.raises(ValidationError) as refused:
        services.answer_give(
            actor=SYSTEM, process=open_round, person=stranger, position=Position.CONSENT
        )
    assert "person" in refused.value.message_dict


def test_answers_are_taken_in_the_consent_round_only(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    services.process_transition(actor=SYSTEM, process=process, transition="present")
    with pytest.raises(ValidationError) as refused:
        services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    assert "position" in refused.value.message_dict


def test_questions_and_reactions_in_their_rounds(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    services.process_transition(actor=SYSTEM, process=process, transition="present")
    with pytest.raises(ValidationError):
        services.remark_add(actor=circle.amelie, process=process, text="Pourquoi ?")
    services.process_transition(actor=SYSTEM, process=process, transition="open_clarifying")
    question = services.remark_add(actor=circle.amelie, process=process, text="Pourquoi ?")
    offline = services.remark_add(
        actor=circle.fanny, process=process, text="Combien ?", person=circle.bruno.person
    )
    assert (question.round.kind, question.channel) == ("clarifying", Channel.WEB)
    assert (offline.channel, offline.recorded_by) == (Channel.OFFLINE, circle.fanny)
    with pytest.raises(PermissionDenied):
        services.remark_add(actor=circle.outsider, process=process, text="Et moi ?")


def test_a_guest_member_of_a_workstream_takes_part_in_its_decisions(db):
    from maillage.core.roles import Role as PlatformRole
    from maillage.decisions.tests.factories import WorkstreamFactory

    workstream = WorkstreamFactory()
    guest = member_of(workstream, PlatformRole.GUEST)
    process = to_consent_round(start(workstream, guest, facilitator=guest))
    answer = services.answer_give(actor=guest, process=process, position=Position.CONSENT)
    assert answer.organization is None
