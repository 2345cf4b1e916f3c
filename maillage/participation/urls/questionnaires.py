from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.participation.views import questionnaire_answers as answers
from maillage.participation.views import questionnaires as manage

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/questionnaires/"),
        manage.questionnaire_list,
        name="questionnaire_list",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/questionnaires/new/"),
        manage.questionnaire_create,
        name="questionnaire_create",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/"),
        answers.questionnaire_answer,
        name="questionnaire_answer",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/manage/"),
        manage.questionnaire_manage,
        name="questionnaire_manage",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/edit/"),
        manage.questionnaire_update,
        name="questionnaire_update",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/publish/"),
        manage.questionnaire_publish,
        name="questionnaire_publish",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/questions/new/"),
        manage.question_add,
        name="question_add",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/questions/<int:pk>/edit/"),
        manage.question_update,
        name="question_update",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/questions/<int:pk>/remove/"),
        manage.question_remove,
        name="question_remove",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/questions/<int:pk>/move/"),
        manage.question_move,
        name="question_move",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/in-person/"),
        answers.questionnaire_record,
        name="questionnaire_paper_add",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/results/"),
        answers.questionnaire_results,
        name="questionnaire_results",
    ),
    path(
        pgettext_lazy("URL", "questionnaires/<int:pk>/answers.xlsx"),
        answers.questionnaire_export,
        name="questionnaire_export",
    ),
]
