from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.decisions import views

app_name = "decisions"
urlpatterns = [
    # The register
    path("", views.register, name="register"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    # The processes of a circle or a workstream
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/"),
        views.circle_processes,
        name="circle_processes",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/propose/"),
        views.circle_process_create,
        name="circle_process_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/"),
        views.workstream_processes,
        name="workstream_processes",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/propose/"),
        views.workstream_process_create,
        name="workstream_process_create",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/poll/"),
        views.circle_poll_create,
        name="circle_poll_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/poll/"),
        views.workstream_poll_create,
        name="workstream_poll_create",
    ),
    # A poll (its process's id)
    path(pgettext_lazy("URL", "polls/<int:pk>/"), views.poll_detail, name="poll_detail"),
    path(
        pgettext_lazy("URL", "polls/<int:pk>/step/"),
        views.poll_transition,
        name="poll_transition",
    ),
    path(pgettext_lazy("URL", "polls/<int:pk>/vote/"), views.poll_vote, name="poll_vote"),
    path(
        pgettext_lazy("URL", "polls/<int:pk>/vote/record/"),
        views.poll_vote_record,
        name="poll_vote_record",
    ),
    # A process
    path(
        pgettext_lazy("URL", "processes/<int:pk>/"),
        views.process_detail,
        name="process_detail",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/step/"),
        views.process_transition,
        name="process_transition",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/amend/"),
        views.process_amend,
        name="process_amend",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/remark/"),
        views.remark_add,
        name="remark_add",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/remark/record/"),
        views.remark_record,
        name="remark_record",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/answer/"),
        views.answer_give,
        name="answer_give",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/answer/record/"),
        views.answer_record,
        name="answer_record",
    ),
    # Elections without candidates
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/elect/"),
        views.circle_election_create,
        name="circle_election_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/elect/"),
        views.workstream_election_create,
        name="workstream_election_create",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/"),
        views.election_detail,
        name="election_detail",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/step/"),
        views.election_transition,
        name="election_transition",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/nominate/"),
        views.nomination_give,
        name="nomination_give",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/nominate/record/"),
        views.nomination_record,
        name="nomination_record",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/propose/"),
        views.election_propose,
        name="election_propose",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/answer/"),
        views.election_answer,
        name="election_answer",
    ),
    path(
        pgettext_lazy("URL", "elections/<int:pk>/answer/record/"),
        views.election_answer_record,
        name="election_answer_record",
    ),
    # Advice processes
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/ask-advice/"),
        views.circle_advice_create,
        name="circle_advice_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/ask-advice/"),
        views.workstream_advice_create,
        name="workstream_advice_create",
    ),
    path(
        pgettext_lazy("URL", "advice/<int:pk>/"),
        views.advice_detail,
        name="advice_detail",
    ),
    path(
        pgettext_lazy("URL", "advice/<int:pk>/step/"),
        views.advice_transition,
        name="advice_transition",
    ),
    path(
        pgettext_lazy("URL", "advice/<int:pk>/give/"),
        views.advice_give,
        name="advice_give",
    ),
    path(
        pgettext_lazy("URL", "advice/<int:pk>/record/"),
        views.advice_record,
        name="advice_record",
    ),
    path(
        pgettext_lazy("URL", "advice/<int:pk>/decide/"),
        views.advice_decide,
        name="advice_decide",
    ),
]
