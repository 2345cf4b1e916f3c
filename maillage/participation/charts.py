"""The results of a questionnaire as small server-rendered SVG bar charts, pure functions of
rows. Each bar is named by its label written beside it and its figure written after it, so
nothing depends on colour; the page shows a table of the same figures next to the chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Unpack

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.core.svg import BASELINE, Caption, document, ellipsize
from maillage.participation.models import QuestionKind
from maillage.participation.selectors.questionnaires import QuestionFigures

FONT_SIZE = 13


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # the bar's length, against the chart's `largest`
    shown: str  # what is written after the bar ("12 (40 %)")


def bar_chart(
    bars: Sequence[Bar],
    *,
    largest: float,
    id_prefix: str,
    width: int = 420,
    label_width: int = 170,
    bar_height: int = 20,
    gap: int = 8,
    **caption: Unpack[Caption],
) -> str:
    """Horizontal bars, one per row, their length `value / largest`; a zero is drawn as a short
    mark. "" when there is no row."""
    if not bars:
        return ""
    largest = largest or 1
    room = width - label_width - 90  # the figure is written after the bar
    height = len(bars) * (bar_height + gap) + gap
    rows = []
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        middle = y + bar_height / 2 + FONT_SIZE * BASELINE
        length = max(room * bar.value / largest, 3)
        css = "bar" if bar.value else "bar zero"
        label = ellipsize(bar.label, label_width - 8, FONT_SIZE, min_chars=4)
        rows.append(
            f'<text class="bar-label" x="{label_width - 6}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="{css}" x="{label_width}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" rx="2"/>'
            f'<text class="bar-value" x="{label_width + length + 6:.1f}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}">{escape(bar.shown)}</text>'
        )
    return document(
        width, height, rows, id_prefix=id_prefix, css_class="bar-chart", role="img", **caption
    )


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
            largest=max((b.value for b in bars), default=0),
            id_prefix=prefix,
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
            largest=max((b.value for b in bars), default=0),
            id_prefix=prefix,
            title=_("Answers to “%(question)s”") % {"question": question.label},
            description=_("%(count)d person(s) answered this question.")
            % {"count": figures.answered},
        )
    return ""
