"""Questions, reactions and answers in a round: one's own, or one given offline and recorded by
the facilitator (the same service, told whose words they are)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.decisions import selectors, services
from maillage.decisions.forms import AnswerForm, RecordAnswerForm, RecordRemarkForm, RemarkForm
from maillage.decisions.models import Process
from maillage.decisions.views._common import said
from maillage.decisions.views.processes import _post


def _voices(process: Process) -> dict[str, Any]:
    return {"voices": selectors.voices(process.group)}


def _said(
    form_name: str,
    form_class: Callable[..., forms.Form],
    service: Callable[..., object],
    fields: tuple[str, ...],
    success: Promise,
    *,
    recorded: bool,
) -> Callable[[HttpRequest, int], HttpResponse]:
    return said(
        form_name,
        form_class,
        service,
        fields,
        success,
        recorded=recorded,
        post=_post,
        permission="decisions.record_answer" if recorded else "decisions.take_part",
        form_kwargs=_voices if recorded else None,
    )


_REMARK = ("text",)
_ANSWER = ("position", "reason")

remark_add = _said(
    "remark",
    RemarkForm,
    services.remark_add,
    _REMARK,
    _("Your question or reaction was added."),
    recorded=False,
)
remark_record = _said(
    "record_remark",
    RecordRemarkForm,
    services.remark_add,
    _REMARK,
    _("The question or reaction was recorded."),
    recorded=True,
)
answer_give = _said(
    "answer",
    AnswerForm,
    services.answer_give,
    _ANSWER,
    _("Your answer was recorded."),
    recorded=False,
)
answer_record = _said(
    "record",
    RecordAnswerForm,
    services.answer_give,
    _ANSWER,
    _("The answer given offline was recorded."),
    recorded=True,
)
