"""Answering a questionnaire online, recording a paper form's answers, reading the results and
exporting the answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required
from maillage.participation.charts import question_chart
from maillage.participation.exports import answers_xlsx
from maillage.participation.forms.questionnaires import AnswerForm, RecordForm
from maillage.participation.models import Questionnaire
from maillage.participation.selectors import questionnaires as selectors
from maillage.participation.selectors.questionnaires import (
    questionnaire_to_answer,
    questionnaire_to_manage,
)
from maillage.participation.services import questionnaires as services
from maillage.participation.services.questionnaire_answers import (
    already_answered,
    respondent_key,
)
from maillage.participation.views.proposals import contribution_gate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.select_related("consultation"), pk=pk)


def posted(request: HttpRequest) -> QueryDict | None:
    """A POST's data, even empty: a questionnaire sent without a single answer is checked."""
    return request.POST if request.method == "POST" else None


def answer_url(questionnaire: Questionnaire) -> str:
    return reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})


def _answer_page(
    request: HttpRequest, questionnaire: Questionnaire, form: AnswerForm, *, recording: bool
) -> HttpResponse:
    context = {
        "questionnaire": questionnaire,
        "consultation": questionnaire.consultation,
        "form": form,
        "recording": recording,
    }
    return render(
        request, "participation/questionnaire_answer.html", context, status=form_status(form)
    )


def questionnaire_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Behind `participation.contribute`, checked here so that each refusal says what to do: a
    visitor logs in, an account without a confirmed address learns how to confirm it."""
    questionnaire = questionnaire_to_answer(pk)
    refused = contribution_gate(request, questionnaire.consultation)
    if refused:
        return refused
    user = request.user
    assert isinstance(user, User)  # the gate let only a logged-in person through
    if already_answered(questionnaire, respondent_key(questionnaire, user)):
        context = {"questionnaire": questionnaire, "consultation": questionnaire.consultation}
        return render(request, "participation/questionnaire_answered.html", context)
    questions = questionnaire.question_list  # type: ignore[attr-defined]
    form = AnswerForm(posted(request), questions=questions)
    return form_redirect(
        request,
        form,
        lambda actor: services.questionnaire_answer(
            actor=actor, questionnaire=questionnaire, answers=form.answers()
        ),
        success=_("Thank you! Your answers were received."),
        to=answer_url(questionnaire),
    ) or _answer_page(request, questionnaire, form, recording=False)


@permission_required("participation.record_in_person", obj=_questionnaire)
def questionnaire_record(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_to_answer(pk)
    form = RecordForm(posted(request), questions=questionnaire.question_list)  # type: ignore[attr-defined]
    return form_redirect(
        request,
        form,
        lambda actor: services.questionnaire_record(
            actor=actor,
            questionnaire=questionnaire,
            answers=form.answers(),
            channel=form.cleaned_data["channel"],
            consent=form.cleaned_data["consent"],
        ),
        success=_("The answers were recorded. You may record the next form."),
        to=reverse("participation:questionnaire_paper_add", kwargs={"pk": pk}),
    ) or _answer_page(request, questionnaire, form, recording=True)


@permission_required("participation.view_questionnaire_results", obj=_questionnaire)
def questionnaire_results(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_to_manage(pk)
    manager = has_perm(request.user, "participation.manage_consultation", questionnaire)
    results = selectors.questionnaire_results(questionnaire, with_texts=manager)
    figures = [(item, question_chart(item)) for item in results.questions]
    context = {
        "questionnaire": questionnaire,
        "consultation": questionnaire.consultation,
        "results": results,
        "figures": figures,
        "manager": manager,
    }
    return render(request, "participation/questionnaire_results.html", context)


@permission_required("participation.manage_consultation", obj=_questionnaire)
def questionnaire_export(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_to_manage(pk)
    content = answers_xlsx(questionnaire)
    name = slugify(questionnaire.title)[:60] or "questionnaire"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
