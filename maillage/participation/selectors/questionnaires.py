"""Reading questionnaires: the one to answer, the one to manage, and its results counted by the
database (a fixed number of queries whatever the number of answers)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Channel,
    Choice,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)

TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
# The free-text answers a results page lists per question; the export holds them all.
TEXTS_SHOWN = 100


def _with_questions() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.select_related(
        "consultation", "consultation__circle", "consultation__workstream"
    ).prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ).order_by("position", "pk"),
            to_attr="question_list",
        )
    )


def questionnaire_to_manage(pk: int) -> Questionnaire:
    """A questionnaire with its consultation, questions and choices (`question_list`)."""
    try:
        return _with_questions().get(pk=pk)
    except Questionnaire.DoesNotExist:
        raise Http404 from None


def questionnaire_to_answer(pk: int) -> Questionnaire:
    """A published questionnaire of a published consultation, with its questions."""
    try:
        return _with_questions().get(
            pk=pk, published_at__isnull=False, consultation__published_at__isnull=False
        )
    except Questionnaire.DoesNotExist:
        raise Http404 from None


def questionnaires_of(consultation_id: int, *, managed: bool) -> list[Questionnaire]:
    """A consultation's questionnaires: the published ones, or all for its managers."""
    found = Questionnaire.objects.filter(consultation_id=consultation_id)
    return list(found if managed else found.filter(published_at__isnull=False))


@dataclass
class ChoiceFigures:
    choice: Choice
    count: int = 0
    percent: float = 0.0
    mean_rank: float | None = None
    firsts: int = 0


@dataclass
class QuestionFigures:
    question: Question
    answered: int = 0
    choices: list[ChoiceFigures] = field(default_factory=list)
    # A scale: (value, count, percent) for every value between its bounds, and the mean.
    scale: list[tuple[int, int, float]] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)
    more_texts: int = 0

    @property
    def kind(self) -> str:
        return str(self.question.kind)


@dataclass
class Results:
    questionnaire: Questionnaire
    total: int
    in_person: int
    questions: list[QuestionFigures]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def questionnaire_results(questionnaire: Questionnaire, *, with_texts: bool) -> Results:
    """Every question's figures; free texts only `with_texts` (they may name people). Reads
    `questionnaire.question_list` (`questionnaire_to_manage`)."""
    questions: list[Question] = questionnaire.question_list  # type: ignore[attr-defined]
    totals = Response.objects.filter(questionnaire=questionnaire).aggregate(
        total=Count("pk"), in_person=Count("pk", filter=~Q(channel=Channel.ONLINE))
    )
    answers = Answer.objects.filter(question__questionnaire=questionnaire)
    answered = {
        row["question_id"]: (row["n"], row["mean"])
        for row in answers.values("question_id").annotate(n=Count("pk"), mean=Avg("value"))
    }
    scale_counts = {
        (row["question_id"], row["value"]): row["n"]
        for row in answers.filter(value__isnull=False)
        .values("question_id", "value")
        .annotate(n=Count("pk"))
    }
    picked: dict[int, dict[str, Any]] = {
        row["choice_id"]: dict(row)
        for row in AnswerChoice.objects.filter(answer__question__questionnaire=questionnaire)
        .values("choice_id")
        .annotate(n=Count("pk"), rank_sum=Sum("rank"), firsts=Count("pk", filter=Q(rank=1)))
    }
    texts: dict[int, list[str]] = defaultdict(list)
    if with_texts:
        for question_id, text in (
            answers.filter(question__kind__in=TEXT_KINDS)
            .exclude(text="")
            .order_by("question_id", "-response__submitted_at", "-pk")
            .values_list("question_id", "text")
        ):
            texts[question_id].append(text)
    figures = []
    for question in questions:
        count, mean = answered.get(question.pk, (0, None))
        item = QuestionFigures(question, answered=count)
        if question.kind == QuestionKind.SCALE:
            item.mean = round(float(mean), 2) if mean is not None else None
            for value in range(question.scale_min, question.scale_max + 1):
                n = scale_counts.get((question.pk, value), 0)
                item.scale.append((value, n, _percent(n, count)))
        for choice in question.choices.all():
            row: dict[str, Any] = picked.get(choice.pk, {})
            n = row.get("n", 0)
            item.choices.append(
                ChoiceFigures(
                    choice,
                    count=n,
                    percent=_percent(n, count),
                    mean_rank=round(row["rank_sum"] / n, 2) if n and row.get("rank_sum") else None,
                    firsts=row.get("firsts", 0),
                )
            )
        if question.kind == QuestionKind.RANKING:
            item.choices.sort(key=lambda c: (c.mean_rank is None, c.mean_rank or 0))
        all_texts = texts.get(question.pk, [])
        item.texts, item.more_texts = all_texts[:TEXTS_SHOWN], max(len(all_texts) - TEXTS_SHOWN, 0)
        figures.append(item)
    return Results(questionnaire, totals["total"], totals["in_person"], figures)
