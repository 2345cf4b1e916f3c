"""The results of a questionnaire as small server-rendered SVG bar charts, pure functions of
rows. Each bar is named by its label written beside it and its figure written after it, so
nothing depends on colour; the page shows a table of the same figures next to the chart."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.core.svg import Bar, bar_chart
from maillage.participation.models import QuestionKind
from maillage.participation.selectors.questionnaires import QuestionFigures

# Larger than governance's charts: the figures written after the bars are longer ("12 (40 %)").
SIZE: dict[str, Any] = {
    "width": 420,
    "label_width": 170,
    "bar_height": 20,
    "gap": 8,
    "font_size": 13,
    "figure_room": 90,
}


def count_and_percent(count: int, percent: float) -> str:
    return _("%(count)d (%(percent)s %%)") % {
        "count": count,
        "percent": number_format(percent, 1),
    }


def question_chart(figures: QuestionFigures) -> str:
    """The chart of one question's results: its choices' counts, a scale's distribution, or a
    ranking's mean rank (the shorter the bar, the better ranked). "" for free texts."""
    question = figures.question
    prefix = f"question-{question.pk}-chart"
    if question.kind == QuestionKind.SCALE:
        bars = [Bar(str(value), n, count_and_percent(n, p)) for value, n, p in figures.scale]
        return bar_chart(
            bars,
            id_prefix=prefix,
            **SIZE,
            title=_("Answers to “%(question)s”, by value") % {"question": question.label},
            description=_("Mean: %(mean)s") % {"mean": number_format(figures.mean or 0, 2)},
        )
    if question.kind == QuestionKind.RANKING:
        bars = [
            Bar(c.choice.label, c.mean_rank or 0, number_format(c.mean_rank or 0, 2))
            for c in figures.choices
        ]
        return bar_chart(
            bars,
            largest=len(bars),
            id_prefix=prefix,
            **SIZE,
            title=_("Mean rank of each choice in “%(question)s”") % {"question": question.label},
            description=_("Rank 1 is the first place: the shorter the bar, the better ranked."),
        )
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        bars = [
            Bar(c.choice.label, c.count, count_and_percent(c.count, c.percent))
            for c in figures.choices
        ]
        return bar_chart(
            bars,
            id_prefix=prefix,
            **SIZE,
            title=_("Answers to “%(question)s”") % {"question": question.label},
            description=_("%(count)d person(s) answered this question.")
            % {"count": figures.answered},
        )
    return ""
