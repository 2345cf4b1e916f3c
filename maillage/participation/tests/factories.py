"""Factories of the participation app: a consultation with its phases around today, proposals,
comments and supports online or gathered in person, and questionnaires."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import UserFactory
from maillage.governance.tests.factories import (  # noqa: F401 (re-exported for the tests)
    CircleFactory,
    WorkstreamFactory,
    general_circle,
    user_with_person,
)
from maillage.participation.models import (
    Channel,
    Choice,
    Comment,
    Consultation,
    Phase,
    PhaseKind,
    Proposal,
    Question,
    QuestionKind,
    Questionnaire,
    Signature,
    Support,
)


def citizen(**kwargs: Any):
    """A citizen's account with a verified e-mail address (`verified=False`: not yet)."""
    return UserFactory(role=Role.CITIZEN, **kwargs)


def _day(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def phases_for(consultation: Consultation, current: str = PhaseKind.CONTRIBUTIONS) -> None:
    """Gives `consultation` its four phases of ten days each, today falling in `current`."""
    start = _day(-10 * list(PhaseKind.values).index(current) - 5)
    for index, kind in enumerate(PhaseKind.values):
        Phase.objects.create(
            consultation=consultation,
            kind=kind,
            starts_on=start + dt.timedelta(days=10 * index),
            ends_on=start + dt.timedelta(days=10 * index + 9),
            text_fr=f"Phase {index + 1} : ce qui se passe.",
            text_en=f"Phase {index + 1}: what happens.",
        )
    consultation.starts_on = start
    consultation.ends_on = start + dt.timedelta(days=39)
    consultation.save(update_fields=["starts_on", "ends_on"])


class ConsultationFactory(factory.django.DjangoModelFactory[Consultation]):
    """A published consultation of the general circle, in its contributions phase
    (`phase=` another phase key; `phase=False`: no phases)."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title_fr = factory.Sequence(lambda n: f"Se loger dignement {n}")
    title_en = factory.Sequence(lambda n: f"Decent housing {n}")
    question_fr = "Que faudrait-il changer pour que chacun ait un logement convenable?"
    question_en = "What should change so that everyone has a decent home?"
    circle = factory.LazyFunction(general_circle)
    starts_on = factory.LazyFunction(lambda: _day(-15))
    ends_on = factory.LazyFunction(lambda: _day(25))
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def phase(obj: Consultation, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            phases_for(obj, extracted or PhaseKind.CONTRIBUTIONS)


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(UserFactory, role=Role.CITIZEN)
    signature = Signature.PSEUDONYM
    display_name = factory.Sequence(lambda n: f"Voisine{n}")
    title = factory.Sequence(lambda n: f"Une halte-chaleur dans chaque quartier {n}")
    text = "Ouvrir des lieux chauffés et accueillants l'hiver, tenus avec les organismes du coin."
    routed_circle = factory.LazyAttribute(lambda o: o.consultation.circle)
    routed_workstream = factory.LazyAttribute(lambda o: o.consultation.workstream)


def recorded_in_person(**kwargs: Any) -> dict[str, Any]:
    """The fields of a contribution gathered in person by `recorded_by` (a member by default)."""
    recorder = kwargs.pop("recorded_by", None) or user_with_person(Role.MEMBER)
    return {
        "author": None,
        "channel": Channel.MEETING,
        "recorded_by": recorder,
        "consent": "Accord verbal pour publier, sous le prénom seulement.",
        **kwargs,
    }


class CommentFactory(factory.django.DjangoModelFactory[Comment]):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory, role=Role.CITIZEN)
    signature = Signature.NAME
    display_name = factory.LazyAttribute(lambda o: o.author.get_full_name() if o.author else "")
    text = "Bonne idée : on en parle depuis longtemps dans notre quartier."


class SupportFactory(factory.django.DjangoModelFactory[Support]):
    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory)
    account = factory.SubFactory(UserFactory, role=Role.CITIZEN)


class QuestionnaireFactory(factory.django.DjangoModelFactory[Questionnaire]):
    class Meta:
        model = Questionnaire

    consultation = factory.SubFactory(ConsultationFactory)
    title_fr = "Vos besoins en logement"
    title_en = "Your housing needs"
    intro_fr = "Cinq minutes suffisent. Vos réponses nous aident à préparer la suite."
    published_at = factory.LazyFunction(timezone.now)


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n)
    kind = QuestionKind.SINGLE
    label_fr = factory.Sequence(lambda n: f"Question {n}")

    @factory.post_generation
    def choices(obj: Question, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Choices named by `choices=[...]`; three by default for the kinds that have them."""
        if not create:
            return
        labels = extracted
        if labels is None and obj.kind in (
            QuestionKind.SINGLE,
            QuestionKind.MULTIPLE,
            QuestionKind.RANKING,
        ):
            labels = ["Oui", "Non", "Je ne sais pas"]
        for position, label in enumerate(labels or []):
            Choice.objects.create(question=obj, position=position, label_fr=label)
