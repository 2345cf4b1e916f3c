"""Writing questionnaires: building one (its questions and their choices), publishing it, and
the answers given online or gathered in person.

Once a questionnaire has answers, its questions keep their kind and their number of choices and
none is removed: the answers already given would no longer mean what they meant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_save, audited_set, audited_update, record
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.versions import lock, touch
from maillage.participation.models import (
    Channel,
    Choice,
    Consultation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from maillage.participation.models.questionnaires import WITH_CHOICES
from maillage.participation.services.questionnaire_answers import (
    already_answered,
    respondent_key,
    save_answers,
    validate_answers,
)
from maillage.participation.verbs import ParticipationVerb

__all__ = [
    "question_add",
    "question_move",
    "question_remove",
    "question_update",
    "questionnaire_answer",
    "questionnaire_create",
    "questionnaire_publish",
    "questionnaire_record",
    "questionnaire_update",
    "respondent_key",
]

QUESTIONNAIRE_FIELDS = ("title_fr", "title_en", "intro_fr", "intro_en", "anonymous")
QUESTION_FIELDS = (
    "kind",
    "label_fr",
    "label_en",
    "help_fr",
    "help_en",
    "required",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
)


def _snapshot(instance: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def has_answers(questionnaire: Questionnaire) -> bool:
    return Response.objects.filter(questionnaire=questionnaire).exists()


@transaction.atomic
def questionnaire_create(
    *,
    actor: Actor,
    consultation: Consultation,
    title_fr: str,
    title_en: str = "",
    intro_fr: str = "",
    intro_en: str = "",
    anonymous: bool = False,
) -> Questionnaire:
    require(actor, "participation.manage_consultation", consultation)
    questionnaire = Questionnaire(
        consultation=consultation,
        title_fr=title_fr,
        title_en=title_en,
        intro_fr=intro_fr,
        intro_en=intro_en,
        anonymous=anonymous,
        created_by=actor if isinstance(actor, User) else None,
    )
    return audited_save(
        actor=actor,
        instance=questionnaire,
        verb=ParticipationVerb.QUESTIONNAIRE_CREATED,
        payload=lambda q: {"consultation": consultation.pk, "title": q.title_fr},
    )


@transaction.atomic
def questionnaire_update(
    *, actor: Actor, questionnaire: Questionnaire, version: str | None = None, **values: Any
) -> Questionnaire:
    """Refuses a change sent on another `version` than the questionnaire's (`StaleVersion`)."""
    require(actor, "participation.manage_consultation", questionnaire)
    lock(questionnaire, version=version)
    unknown = set(values) - set(QUESTIONNAIRE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if (
        "anonymous" in values
        and values["anonymous"] != questionnaire.anonymous
        and has_answers(questionnaire)
    ):
        raise ValidationError(
            {
                "anonymous": _(
                    "People have already answered: whether the answers are anonymous can no "
                    "longer change."
                )
            }
        )

    def fill(instance: Questionnaire) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    audited_update(
        actor=actor,
        instance=questionnaire,
        verb=ParticipationVerb.QUESTIONNAIRE_UPDATED,
        snapshot=lambda q: _snapshot(q, QUESTIONNAIRE_FIELDS),
        fill=fill,
    )
    return questionnaire


def _choice_labels(
    kind: str, choices_fr: Sequence[str], choices_en: Sequence[str]
) -> list[tuple[str, str]]:
    """The choices as (French, English) pairs, checked against the question's kind."""
    french = [label.strip() for label in choices_fr if label.strip()]
    english = [label.strip() for label in choices_en if label.strip()]
    if kind not in WITH_CHOICES:
        return []
    if len(french) < 2:
        raise ValidationError({"choices_fr": _("Give at least two choices, one per line.")})
    if len(set(french)) != len(french):
        raise ValidationError({"choices_fr": _("Each choice appears only once.")})
    if english and len(english) != len(french):
        raise ValidationError(
            {"choices_en": _("Give as many English choices as French ones, in the same order.")}
        )
    return [(fr, english[i] if english else "") for i, fr in enumerate(french)]


def _fill_question(question: Question, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(question, name, value)
    if question.kind == QuestionKind.SCALE and question.scale_max <= question.scale_min:
        raise ValidationError({"scale_max": _("The highest value must be above the lowest.")})
    if question.kind == QuestionKind.SCALE and question.scale_max - question.scale_min > 10:
        raise ValidationError({"scale_max": _("A scale has at most eleven values.")})


@transaction.atomic
def question_add(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    choices_fr: Sequence[str] = (),
    choices_en: Sequence[str] = (),
    **values: Any,
) -> Question:
    require(actor, "participation.manage_consultation", questionnaire)
    labels = _choice_labels(values.get("kind", ""), choices_fr, choices_en)
    last = questionnaire.questions.aggregate(last=Max("position"))["last"]
    question = Question(questionnaire=questionnaire, position=(last or 0) + 1)
    _fill_question(question, {k: values[k] for k in QUESTION_FIELDS if k in values})
    audited_save(
        actor=actor,
        instance=question,
        verb=ParticipationVerb.QUESTION_ADDED,
        target=questionnaire,
        payload=lambda q: {"question": q.pk, "kind": q.kind, "label": q.label_fr},
    )
    touch(questionnaire)
    Choice.objects.bulk_create(
        Choice(question=question, position=i, label_fr=fr, label_en=en)
        for i, (fr, en) in enumerate(labels)
    )
    return question


@transaction.atomic
def question_update(
    *,
    actor: Actor,
    question: Question,
    version: str | None = None,
    choices_fr: Sequence[str] = (),
    choices_en: Sequence[str] = (),
    **values: Any,
) -> Question:
    """`version` is the questionnaire's: every change of its questions makes a new one, so a
    question's form opened before another change is refused (`StaleVersion`)."""
    questionnaire = question.questionnaire
    require(actor, "participation.manage_consultation", questionnaire)
    lock(questionnaire, version=version)
    answered = has_answers(questionnaire)
    if answered and values.get("kind", question.kind) != question.kind:
        raise ValidationError(
            {"kind": _("People have already answered: the kind of question can no longer change.")}
        )
    labels = _choice_labels(values.get("kind", question.kind), choices_fr, choices_en)
    existing = list(question.choices.all())
    if answered and len(labels) != len(existing):
        raise ValidationError(
            {
                "choices_fr": _(
                    "People have already answered: you may reword the choices, but not add or "
                    "remove any."
                )
            }
        )
    before = _snapshot(question, QUESTION_FIELDS) | {"choices": [c.label_fr for c in existing]}
    _fill_question(question, {k: values[k] for k in QUESTION_FIELDS if k in values})
    question.full_clean()
    question.save()
    # Keep the choices already there (their answers point at them), reworded in place.
    for choice, (fr, en) in zip(existing, labels, strict=False):
        choice.label_fr, choice.label_en = fr, en
    Choice.objects.bulk_update(existing[: len(labels)], ["label_fr", "label_en"])
    Choice.objects.filter(pk__in=[c.pk for c in existing[len(labels) :]]).delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=i, label_fr=fr, label_en=en)
        for i, (fr, en) in enumerate(labels)
        if i >= len(existing)
    )
    after = _snapshot(question, QUESTION_FIELDS) | {"choices": [fr for fr, _en in labels]}
    found = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if found:
        record(
            actor=actor,
            verb=ParticipationVerb.QUESTION_UPDATED,
            target=questionnaire,
            payload={"question": question.pk, **found},
        )
        touch(questionnaire)
    return question


@transaction.atomic
def question_move(*, actor: Actor, question: Question, up: bool) -> Question:
    """Swaps `question` with the one before it (`up`) or after it."""
    questionnaire = question.questionnaire
    require(actor, "participation.manage_consultation", questionnaire)
    order = list(questionnaire.questions.select_for_update().order_by("position", "pk"))
    index = next(i for i, q in enumerate(order) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return question
    order[index], order[other] = order[other], order[index]
    for position, item in enumerate(order, start=1):
        item.position = position
    Question.objects.bulk_update(order, ["position"])
    record(
        actor=actor,
        verb=ParticipationVerb.QUESTION_MOVED,
        target=questionnaire,
        payload={"question": question.pk, "position": other + 1},
    )
    touch(questionnaire)
    question.position = other + 1
    return question


@transaction.atomic
def question_remove(*, actor: Actor, question: Question) -> None:
    questionnaire = question.questionnaire
    require(actor, "participation.manage_consultation", questionnaire)
    if has_answers(questionnaire):
        raise ValidationError(
            _(
                "People have already answered this questionnaire: its questions can no longer "
                "be removed."
            )
        )
    record(
        actor=actor,
        verb=ParticipationVerb.QUESTION_REMOVED,
        target=questionnaire,
        payload={"question": question.pk, "label": question.label_fr},
    )
    question.delete()
    Question.objects.filter(questionnaire=questionnaire, position__gt=question.position).update(
        position=F("position") - 1
    )
    touch(questionnaire)


@transaction.atomic
def questionnaire_publish(*, actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    require(actor, "participation.manage_consultation", questionnaire)
    if questionnaire.published_at is not None:
        raise ValidationError(_("This questionnaire is already published."))
    if not questionnaire.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    return audited_set(
        actor=actor,
        instance=questionnaire,
        verb=ParticipationVerb.QUESTIONNAIRE_PUBLISHED,
        values={"published_at": timezone.now()},
    )


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.prefetch_related("choices"))


@transaction.atomic
def questionnaire_answer(
    *, actor: Actor, questionnaire: Questionnaire, answers: Mapping[int, Any]
) -> Response:
    """One person's answers (`{question pk: text, value, choice pk or choice pks in order}`).
    Each person answers once; an anonymous questionnaire keeps only the keyed digest."""
    require(actor, "participation.contribute", questionnaire)
    if questionnaire.published_at is None or not isinstance(actor, User):
        raise ValidationError(_("This questionnaire is not open for answers."))
    key = respondent_key(questionnaire, actor)
    if already_answered(questionnaire, key):
        raise ValidationError(_("You have already answered this questionnaire."))
    cleaned = validate_answers(_questions(questionnaire), answers)
    response = Response(
        questionnaire=questionnaire,
        respondent=None if questionnaire.anonymous else actor,
        respondent_key=key,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:  # the same person, submitting twice at once
        raise ValidationError(_("You have already answered this questionnaire.")) from None
    save_answers(response, cleaned)
    # An anonymous answer's event names no one: its time alone would tie the account to it.
    record(
        actor=None if questionnaire.anonymous else actor,
        verb=ParticipationVerb.QUESTIONNAIRE_ANSWERED,
        target=questionnaire,
        payload={} if questionnaire.anonymous else {"response": response.pk},
    )
    return response


@transaction.atomic
def questionnaire_record(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    answers: Mapping[int, Any],
    channel: str,
    consent: str,
) -> Response:
    """A paper form's answers, recorded by a partner or staff: each paper is one person, so no
    respondent key; counted like any other answer."""
    require(actor, "participation.record_in_person", questionnaire)
    if questionnaire.published_at is None:
        raise ValidationError(_("This questionnaire is not open for answers."))
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise ValidationError({"channel": _("Say where the answers were gathered.")})
    if not consent.strip():
        raise ValidationError({"consent": _("Say how the person agreed to share their answers.")})
    cleaned = validate_answers(_questions(questionnaire), answers)
    response = Response.objects.create(
        questionnaire=questionnaire,
        channel=channel,
        consent=consent.strip(),
        recorded_by=actor if isinstance(actor, User) else None,
    )
    save_answers(response, cleaned)
    record(
        actor=actor,
        verb=ParticipationVerb.QUESTIONNAIRE_RECORDED,
        target=questionnaire,
        payload={"response": response.pk, "channel": channel},
    )
    return response
