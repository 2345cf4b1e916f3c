"""Checking and saving one person's answers to a questionnaire, whatever the channel.

Answers come as `{question pk: value}`: a text for the text kinds, a number for a scale, a
choice's key for a single choice, a list of choices' keys for a multiple choice, and every
choice's key in the order given for a ranking. An unanswered question is absent, None, "" or [].
Errors are keyed `q<question pk>`, the answer form's field names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)

TEXT_MAX: dict[str, int] = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 5000}
KEY_SALT = "maillage.participation.questionnaire.respondent"


def field_name(question: Question | int) -> str:
    return f"q{question if isinstance(question, int) else question.pk}"


def respondent_key(questionnaire: Questionnaire, account: User) -> str:
    """A keyed digest of the questionnaire and the account: the same person always gets the same
    key, and without the project's secret no one can tell whose it is."""
    return salted_hmac(KEY_SALT, f"{questionnaire.pk}:{account.pk}", algorithm="sha256").hexdigest()


def already_answered(questionnaire: Questionnaire, key: str) -> bool:
    return Response.objects.filter(questionnaire=questionnaire, respondent_key=key).exists()


@dataclass(frozen=True)
class Given:
    question: Question
    text: str = ""
    value: int | None = None
    choices: tuple[int, ...] = ()  # in rank order for a ranking


def _empty(raw: Any) -> bool:
    return raw is None or raw == "" or (isinstance(raw, list | tuple) and not raw)


def _as_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError
    return int(raw)


def _one(question: Question, raw: Any, offered: Sequence[int]) -> Given:
    kind = question.kind
    if kind in TEXT_MAX:
        text = str(raw).strip()
        limit = TEXT_MAX[kind]
        if len(text) > limit:
            raise ValidationError(
                _("Keep your answer under %(limit)d characters (it has %(length)d).")
                % {"limit": limit, "length": len(text)}
            )
        return Given(question, text=text)
    if kind == QuestionKind.SCALE:
        try:
            value = _as_int(raw)
        except (TypeError, ValueError):
            value = question.scale_min - 1
        if not question.scale_min <= value <= question.scale_max:
            raise ValidationError(
                _("Choose a number from %(low)d to %(high)d.")
                % {"low": question.scale_min, "high": question.scale_max}
            )
        return Given(question, value=value)
    picked = raw if isinstance(raw, list | tuple) else [raw]
    try:
        keys = tuple(_as_int(item) for item in picked)
    except (TypeError, ValueError):
        keys = (-1,)
    if any(key not in offered for key in keys):
        raise ValidationError(_("Choose among the answers offered."))
    if len(set(keys)) != len(keys):
        raise ValidationError(_("Each answer may be chosen only once."))
    if kind == QuestionKind.SINGLE and len(keys) != 1:
        raise ValidationError(_("Choose only one answer."))
    if kind == QuestionKind.RANKING and len(keys) != len(offered):
        raise ValidationError(
            _("Give each choice its own place, from 1 to %(count)d.") % {"count": len(offered)}
        )
    return Given(question, choices=keys)


def validate_answers(questions: Sequence[Question], answers: Mapping[int, Any]) -> list[Given]:
    """The answers checked against their questions (`choices` prefetched); raises a
    `ValidationError` keyed by field name with every problem found."""
    errors: dict[str, list[ValidationError]] = {}
    given: list[Given] = []
    known = {q.pk for q in questions}
    if any(int(pk) not in known for pk in answers):
        raise ValidationError(_("These answers are for another questionnaire."))
    for question in questions:
        raw = answers.get(question.pk)
        if _empty(raw):
            if question.required:
                errors[field_name(question)] = [
                    ValidationError(_("This question needs an answer."), code="required")
                ]
            continue
        offered = [choice.pk for choice in question.choices.all()]
        try:
            given.append(_one(question, raw, offered))
        except ValidationError as error:
            errors[field_name(question)] = [error]
    if errors:
        raise ValidationError(errors)
    return given


def save_answers(response: Response, given: Sequence[Given]) -> None:
    """Writes the checked answers of `response` in three queries, whatever their number."""
    answers = Answer.objects.bulk_create(
        Answer(response=response, question=item.question, text=item.text, value=item.value)
        for item in given
    )
    ranked = {QuestionKind.RANKING}
    AnswerChoice.objects.bulk_create(
        AnswerChoice(
            answer=answer,
            choice_id=choice,
            rank=rank if item.question.kind in ranked else None,
        )
        for answer, item in zip(answers, given, strict=True)
        for rank, choice in enumerate(item.choices, start=1)
    )
