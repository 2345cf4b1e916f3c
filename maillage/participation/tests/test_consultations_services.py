"""The services of consultations: who may write, what they check, what they record."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.governance.tests.factories import WorkstreamFactory
from maillage.participation.models import PHASE_ORDER, Consultation, PhaseKind
from maillage.participation.services.consultations import (
    ConsultationData,
    PhaseData,
    consultation_create,
    consultation_phases_set,
    consultation_publish,
    consultation_unpublish,
    consultation_update,
    default_phases,
)
from maillage.participation.tests.factories import (
    CircleFactory,
    ConsultationFactory,
    general_circle,
)
from maillage.participation.verbs import ParticipationVerb
from maillage.territories.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

START = dt.date(2031, 3, 1)


def data(**changes) -> ConsultationData:
    values = {
        "title_fr": "Se déplacer sans voiture",
        "question_fr": "Qu’est-ce qui vous aiderait à vous déplacer sans voiture?",
        "circle": general_circle(),
        "starts_on": START,
        "ends_on": START + dt.timedelta(days=39),
    }
    return ConsultationData(**(values | changes))


def verbs(consultation: Consultation) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(consultation.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


def test_staff_create_a_draft_with_four_phases_and_an_audit_event():
    region = RegionFactory()
    consultation = consultation_create(
        actor=user_with_role(Role.STAFF), data=data(territories=[region])
    )
    assert consultation.slug == "se-deplacer-sans-voiture"
    assert not consultation.is_published
    assert list(consultation.territories.all()) == [region]
    phases = list(consultation.phases.order_by("starts_on"))
    assert [p.kind for p in phases] == list(PHASE_ORDER)
    assert phases[0].starts_on == START and phases[-1].ends_on == consultation.ends_on
    assert verbs(consultation) == [ParticipationVerb.CONSULTATION_CREATED]


def test_two_consultations_of_the_same_title_get_their_own_address():
    staff = user_with_role(Role.STAFF)
    first = consultation_create(actor=staff, data=data())
    second = consultation_create(actor=staff, data=data())
    assert first.slug != second.slug


def test_a_member_creates_one_for_their_own_group_only():
    circle = CircleFactory()
    member = member_of(circle)
    created = consultation_create(actor=member, data=data(circle=circle))
    assert created.circle == circle
    with pytest.raises(ValidationError) as refused:
        consultation_create(actor=member, data=data(circle=CircleFactory()))
    assert "group" in refused.value.message_dict


def test_someone_in_no_group_may_not_create_one():
    with pytest.raises(PermissionDenied):
        consultation_create(actor=user_with_role(Role.MEMBER), data=data())


def test_a_consultation_lasts_at_least_a_day_per_phase():
    with pytest.raises(ValidationError) as refused:
        consultation_create(
            actor=user_with_role(Role.STAFF), data=data(ends_on=START + dt.timedelta(days=2))
        )
    assert "quatre jours" in refused.value.message_dict["ends_on"][0]


def test_the_default_phases_follow_each_other_without_a_gap():
    phases = default_phases(START, START + dt.timedelta(days=9))
    for before, after in itertools.pairwise(phases):
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)
    assert phases[-1].ends_on == START + dt.timedelta(days=9)


def test_an_update_records_what_changed_and_may_move_to_a_workstream():
    staff = user_with_role(Role.STAFF)
    consultation = consultation_create(actor=staff, data=data())
    workstream = WorkstreamFactory()
    consultation_update(
        actor=staff,
        consultation=consultation,
        data=data(title_fr="Bouger autrement", circle=None, workstream=workstream),
    )
    consultation.refresh_from_db()
    assert consultation.workstream == workstream and consultation.circle is None
    assert consultation.slug == "se-deplacer-sans-voiture"  # its address stays
    event = AuditEvent.objects.filter(verb=ParticipationVerb.CONSULTATION_UPDATED).get()
    assert event.payload["title_fr"] == ["Se déplacer sans voiture", "Bouger autrement"]


def test_the_period_may_not_shrink_under_its_phases():
    staff = user_with_role(Role.STAFF)
    consultation = consultation_create(actor=staff, data=data())
    with pytest.raises(ValidationError) as refused:
        consultation_update(
            actor=staff,
            consultation=consultation,
            data=data(ends_on=START + dt.timedelta(days=20)),
        )
    assert "ends_on" in refused.value.message_dict


def phases(*spans: tuple[int, int]) -> list[PhaseData]:
    return [
        PhaseData(
            kind=kind,
            starts_on=START + dt.timedelta(days=a),
            ends_on=START + dt.timedelta(days=b),
            text_fr=f"Texte {kind}",
        )
        for kind, (a, b) in zip(PHASE_ORDER, spans, strict=True)
    ]


def test_the_phases_are_set_in_order_and_recorded():
    staff = user_with_role(Role.STAFF)
    consultation = consultation_create(actor=staff, data=data())
    consultation_phases_set(
        actor=staff, consultation=consultation, phases=phases((0, 4), (5, 25), (26, 30), (31, 39))
    )
    contributions = consultation.phases.get(kind=PhaseKind.CONTRIBUTIONS)
    assert contributions.ends_on == START + dt.timedelta(days=25)
    assert contributions.text_fr == "Texte contributions"
    assert ParticipationVerb.CONSULTATION_PHASES_SET in verbs(consultation)


@pytest.mark.parametrize(
    ("spans", "key", "words"),
    [
        (((-1, 4), (5, 25), (26, 30), (31, 39)), "phase-0-starts_on", "avant la consultation"),
        (((0, 4), (5, 25), (26, 30), (31, 45)), "phase-3-ends_on", "après la consultation"),
        (((0, 10), (5, 25), (26, 30), (31, 39)), "phase-1-starts_on", "après la fin"),
        (((0, 4), (5, 25), (26, 24), (31, 39)), "phase-2-ends_on", "se termine"),
    ],
)
def test_phases_outside_the_period_out_of_order_or_overlapping_are_refused(spans, key, words):
    staff = user_with_role(Role.STAFF)
    consultation = consultation_create(actor=staff, data=data())
    with pytest.raises(ValidationError) as refused:
        consultation_phases_set(actor=staff, consultation=consultation, phases=phases(*spans))
    assert words in refused.value.message_dict[key][0]


def test_publish_then_unpublish_are_audited_and_not_repeated():
    staff = user_with_role(Role.STAFF)
    consultation = consultation_create(actor=staff, data=data())
    consultation_publish(actor=staff, consultation=consultation)
    assert Consultation.objects.get(pk=consultation.pk).is_published
    with pytest.raises(ValidationError):
        consultation_publish(actor=staff, consultation=consultation)
    consultation_unpublish(actor=staff, consultation=consultation)
    assert not Consultation.objects.get(pk=consultation.pk).is_published
    assert verbs(consultation)[-2:] == [
        ParticipationVerb.CONSULTATION_PUBLISHED,
        ParticipationVerb.CONSULTATION_UNPUBLISHED,
    ]


def test_a_member_of_another_group_may_not_publish():
    consultation = ConsultationFactory(published_at=None)
    with pytest.raises(PermissionDenied):
        consultation_publish(actor=member_of(CircleFactory()), consultation=consultation)
    assert (
        member_of(consultation.circle)
        and not Consultation.objects.get(pk=consultation.pk).published_at
    )
    consultation_publish(actor=member_of(consultation.circle), consultation=consultation)
    published_at = Consultation.objects.get(pk=consultation.pk).published_at
    assert published_at is not None and published_at <= timezone.now()
