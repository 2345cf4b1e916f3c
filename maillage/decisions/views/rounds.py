"""Questions, reactions and answers in a round: one's own, or one given offline and recorded by
the facilitator (the same service, told whose words they are)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from maillage.core.models import User
from maillage.core.permissions import permission_required
from maillage.decisions import selectors, services
from maillage.decisions.forms import AnswerForm, RecordAnswerForm, RecordRemarkForm, RemarkForm
from maillage.decisions.models import Process
from maillage.decisions.views._common import _process
from maillage.decisions.views.processes import _post


def _said(
    form_name: str,
    form_class: Callable[..., forms.Form],
    service: Callable[..., object],
    fields: tuple[str, ...],
    success: Promise,
    *,
    recorded: bool,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A view posting `fields` of its form to `service`: the actor's own words, or, `recorded`,
    those of the person the facilitator chose in the form."""

    def view(request: HttpRequest, pk: int) -> HttpResponse:
        process: Process = _process(request, pk)
        extra = {"voices": selectors.voices(process.group)} if recorded else {}
        form = form_class(request.POST, **extra)

        def act(actor: User) -> object:
            values = {name: form.cleaned_data[name] for name in fields}
            if recorded:
                values["person"] = form.cleaned_data["person"]
            return service(actor=actor, process=process, **values)

        return _post(request, pk, form_name, form, act, str(success))

    permission = "decisions.record_answer" if recorded else "decisions.take_part"
    return permission_required(permission, obj=_process)(require_POST(view))


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
