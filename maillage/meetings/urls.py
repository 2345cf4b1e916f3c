from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/"),
        views.circle_meetings,
        name="circle_meetings",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/plan/"),
        views.circle_meeting_create,
        name="circle_meeting_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/"),
        views.workstream_meetings,
        name="workstream_meetings",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/plan/"),
        views.workstream_meeting_create,
        name="workstream_meeting_create",
    ),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(pgettext_lazy("URL", "<int:pk>/change/"), views.meeting_amend, name="meeting_amend"),
    path(
        pgettext_lazy("URL", "<int:pk>/status/"),
        views.meeting_transition,
        name="meeting_transition",
    ),
    path(pgettext_lazy("URL", "<int:pk>/invite/"), views.meeting_invite, name="meeting_invite"),
    path(pgettext_lazy("URL", "<int:pk>/answer/"), views.meeting_rsvp, name="meeting_rsvp"),
    path(pgettext_lazy("URL", "<int:pk>/calendar.ics"), views.meeting_ics, name="meeting_ics"),
    path(
        pgettext_lazy("URL", "<int:pk>/attendance/"),
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        pgettext_lazy("URL", "<int:pk>/agenda/add/"),
        views.agenda_item_add,
        name="agenda_item_add",
    ),
    path(
        pgettext_lazy("URL", "agenda/<int:pk>/"),
        views.agenda_item_amend,
        name="agenda_item_amend",
    ),
    path(
        pgettext_lazy("URL", "<int:pk>/action-items/add/"),
        views.action_item_add,
        name="action_item_add",
    ),
    path(
        pgettext_lazy("URL", "action-items/<int:pk>/done/"),
        views.action_item_done,
        name="action_item_done",
    ),
    path(pgettext_lazy("URL", "<int:pk>/minutes/make/"), views.minutes_make, name="minutes_make"),
    path(
        pgettext_lazy("URL", "<int:pk>/minutes.pdf"),
        views.minutes_download,
        name="minutes_download",
    ),
]
