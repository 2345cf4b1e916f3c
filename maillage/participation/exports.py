"""A questionnaire's answers as a spreadsheet (openpyxl, write-only): one row per response, one
column per question, and a sheet of the summary figures, the same as the results page's."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from maillage.network.exports import FORMULA_STARTS
from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Channel,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from maillage.participation.selectors.questionnaires import questionnaire_results

DATE_FORMAT = "yyyy-mm-dd hh:mm"
CHOICE_SEPARATOR = "; "


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> Any:
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value).replace(tzinfo=None)  # spreadsheets know no zones
    cell = WriteOnlyCell(sheet, value=value)
    if hasattr(value, "isoformat"):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # an answer starting with "=" is no formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def _row(sheet: Any, values: list[Any], *, bold: bool = False) -> list[Any]:
    return [_cell(sheet, value, bold=bold) for value in values]


def _answers_by_response(
    questionnaire: Questionnaire, questions: list[Question]
) -> dict[int, dict[int, Any]]:
    """`{response pk: {question pk: what the cell shows}}`, from two queries."""
    found: dict[int, dict[int, Any]] = defaultdict(dict)
    kinds = {question.pk: question.kind for question in questions}
    for response_id, question_id, text, value in Answer.objects.filter(
        response__questionnaire=questionnaire
    ).values_list("response_id", "question_id", "text", "value"):
        if kinds.get(question_id) == QuestionKind.SCALE:
            found[response_id][question_id] = value
        elif kinds.get(question_id) in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            found[response_id][question_id] = text
    picked: dict[tuple[int, int], list[str]] = defaultdict(list)
    for response_id, question_id, label in (
        AnswerChoice.objects.filter(answer__response__questionnaire=questionnaire)
        .order_by("answer_id", "rank", "choice__position", "choice_id")
        .values_list("answer__response_id", "answer__question_id", "choice__label_fr")
    ):
        picked[response_id, question_id].append(label)
    for (response_id, question_id), labels in picked.items():
        found[response_id][question_id] = CHOICE_SEPARATOR.join(labels)
    return found


def answers_xlsx(questionnaire: Questionnaire) -> bytes:
    """Reads `questionnaire.question_list` (`questionnaire_to_manage`)."""
    questions: list[Question] = questionnaire.question_list  # type: ignore[attr-defined]
    channels = dict(Channel.choices)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Answers"))
    sheet.freeze_panes = "A2"
    headers = [_("Response"), _("Date"), _("Gathered")]
    if not questionnaire.anonymous:
        headers.append(_("Respondent"))
    sheet.append(_row(sheet, headers + [q.label_fr for q in questions], bold=True))
    answers = _answers_by_response(questionnaire, questions)
    rows = (
        Response.objects.filter(questionnaire=questionnaire)
        .order_by("submitted_at", "pk")
        .values_list(
            "pk", "submitted_at", "channel", "respondent__first_name", "respondent__last_name"
        )
    )
    for pk, submitted_at, channel, first_name, last_name in rows:
        line: list[Any] = [pk, submitted_at, str(channels.get(channel, channel))]
        if not questionnaire.anonymous:
            line.append(" ".join(n for n in (first_name, last_name) if n))
        given = answers.get(pk, {})
        line += [given.get(question.pk, "") for question in questions]
        sheet.append(_row(sheet, line))
    _summary(workbook, questionnaire)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(workbook: Workbook, questionnaire: Questionnaire) -> None:
    results = questionnaire_results(questionnaire, with_texts=False)
    sheet = workbook.create_sheet(_("Summary"))
    sheet.append(_row(sheet, [_("Answers"), results.total], bold=True))
    sheet.append(_row(sheet, [_("Answers gathered in person"), results.in_person]))
    sheet.append([])
    header = [_("Question"), _("Answer"), _("Count"), _("Percent"), _("Mean"), _("Ranked first")]
    sheet.append(_row(sheet, header, bold=True))
    for item in results.questions:
        label = item.question.label_fr
        sheet.append(_row(sheet, [label, _("People who answered"), item.answered]))
        if item.question.kind == QuestionKind.SCALE:
            for value, count, percent in item.scale:
                sheet.append(_row(sheet, [label, value, count, percent]))
            sheet.append(_row(sheet, [label, _("Mean"), None, None, item.mean]))
        for figures in item.choices:
            sheet.append(
                _row(
                    sheet,
                    [
                        label,
                        figures.choice.label_fr,
                        figures.count,
                        figures.percent,
                        figures.mean_rank,
                        figures.firsts if item.question.kind == QuestionKind.RANKING else None,
                    ],
                )
            )
