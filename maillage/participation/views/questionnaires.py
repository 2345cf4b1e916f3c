"""Building a questionnaire (its consultation's managers): create it, write its questions,
order them, publish it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect, form_status
from maillage.core.permissions import permission_required
from maillage.participation.forms.questionnaires import QuestionForm, QuestionnaireForm
from maillage.participation.models import Consultation, Question, Questionnaire
from maillage.participation.selectors.questionnaires import (
    questionnaire_to_manage,
    questionnaires_of,
)
from maillage.participation.services import questionnaires as services
from maillage.participation.services.questionnaires import has_answers


def _consultation(request: HttpRequest, slug: str) -> Consultation:
    return get_object_or_404(Consultation, slug=slug)


def _questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.select_related("consultation"), pk=pk)


def _question_questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    return question.questionnaire


def manage_url(questionnaire: Questionnaire | int) -> str:
    pk = questionnaire if isinstance(questionnaire, int) else questionnaire.pk
    return reverse("participation:questionnaire_manage", kwargs={"pk": pk})


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    consultation: Consultation,
    title: str,
    submit: str,
    cancel_url: str,
    locked: bool = False,
) -> HttpResponse:
    context = {
        "form": form,
        "consultation": consultation,
        "title": title,
        "submit": submit,
        "cancel_url": cancel_url,
        "locked": locked,
    }
    return render(
        request, "participation/questionnaire_form.html", context, status=form_status(form)
    )


def list_url(consultation: Consultation) -> str:
    return reverse("participation:questionnaire_list", kwargs={"slug": consultation.slug})


@permission_required("participation.manage_consultation", obj=_consultation)
def questionnaire_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug)
    context = {
        "consultation": consultation,
        "questionnaires": questionnaires_of(consultation.pk, managed=True),
    }
    return render(request, "participation/questionnaire_list.html", context)


@permission_required("participation.manage_consultation", obj=_consultation)
def questionnaire_create(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug)
    form = QuestionnaireForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.questionnaire_create(
            actor=actor, consultation=consultation, **form.cleaned_data
        ),
        success=_("The questionnaire was created. Now add its questions."),
        to=manage_url,
    ) or _form_page(
        request,
        form,
        consultation=consultation,
        title=_("New questionnaire"),
        submit=_("Create the questionnaire"),
        cancel_url=list_url(consultation),
    )


@permission_required("participation.manage_consultation", obj=_questionnaire)
def questionnaire_manage(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_to_manage(pk)
    context = {
        "questionnaire": questionnaire,
        "consultation": questionnaire.consultation,
        "questions": questionnaire.question_list,  # type: ignore[attr-defined]
        "answered": has_answers(questionnaire),
    }
    return render(request, "participation/questionnaire_manage.html", context)


@permission_required("participation.manage_consultation", obj=_questionnaire)
def questionnaire_update(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    names = list(QuestionnaireForm.base_fields)
    return edit_page(
        request,
        questionnaire,
        lambda data: QuestionnaireForm(data, initial={n: getattr(questionnaire, n) for n in names}),
        lambda actor, form, version: services.questionnaire_update(
            actor=actor, questionnaire=questionnaire, version=version, **form.cleaned_data
        ),
        success=_("The questionnaire was saved."),
        to=manage_url(questionnaire),
        page=lambda form: _form_page(
            request,
            form,
            consultation=questionnaire.consultation,
            title=_("Edit the questionnaire “%(title)s”") % {"title": questionnaire.title},
            submit=_("Save"),
            cancel_url=manage_url(questionnaire),
            locked=has_answers(questionnaire),
        ),
    )


@permission_required("participation.manage_consultation", obj=_questionnaire)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    form = QuestionForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.question_add(
            actor=actor, questionnaire=questionnaire, **form.values()
        ),
        success=_("The question was added."),
        to=manage_url(questionnaire),
    ) or _form_page(
        request,
        form,
        consultation=questionnaire.consultation,
        title=_("New question"),
        submit=_("Add the question"),
        cancel_url=manage_url(questionnaire),
    )


@permission_required("participation.manage_consultation", obj=_question_questionnaire)
def question_update(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("questionnaire__consultation").prefetch_related("choices"),
        pk=pk,
    )
    questionnaire = question.questionnaire
    # The form carries the questionnaire's version: every change of a question makes a new one.
    return edit_page(
        request,
        questionnaire,
        lambda data: QuestionForm(data, initial=QuestionForm.initial_of(question)),
        lambda actor, form, version: services.question_update(
            actor=actor, question=question, version=version, **form.values()
        ),
        success=_("The question was saved."),
        to=manage_url(questionnaire),
        page=lambda form: _form_page(
            request,
            form,
            consultation=questionnaire.consultation,
            title=_("Edit the question"),
            submit=_("Save"),
            cancel_url=manage_url(questionnaire),
            locked=has_answers(questionnaire),
        ),
    )


@permission_required("participation.manage_consultation", obj=_question_questionnaire)
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    return action_redirect(
        request,
        lambda actor: services.question_remove(actor=actor, question=question),
        success=_("The question was removed."),
        to=manage_url(question.questionnaire_id),
    )


@permission_required("participation.manage_consultation", obj=_question_questionnaire)
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    up = request.POST.get("direction") != "down"
    return action_redirect(
        request,
        lambda actor: services.question_move(actor=actor, question=question, up=up),
        success=_("The question was moved."),
        to=manage_url(question.questionnaire_id) + f"#question-{question.pk}",
    )


@permission_required("participation.manage_consultation", obj=_questionnaire)
@require_POST
def questionnaire_publish(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    return action_redirect(
        request,
        lambda actor: services.questionnaire_publish(actor=actor, questionnaire=questionnaire),
        success=_("The questionnaire is published: people may now answer it."),
        to=manage_url(questionnaire),
    )
