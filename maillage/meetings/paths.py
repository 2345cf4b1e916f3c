"""Paths of the meetings' pages, for links built without a request (notifications, e-mails,
the calendar)."""

from __future__ import annotations

from django.urls import reverse

from maillage.meetings.models import Meeting


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
