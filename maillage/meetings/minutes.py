"""The minutes (*procès-verbal*) of a meeting as a PDF, drawn by WeasyPrint from an HTML
template: the attendance, the quorum, the agenda with its notes, the decisions taken in the
meeting (`selectors.meeting_decisions`) and the action items."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from maillage.meetings import selectors
from maillage.meetings.models import AttendanceStatus, Meeting


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the minutes fetch nothing ({url})")


def html(meeting: Meeting, *, language: str) -> str:
    with translation.override(language):
        detail = selectors.minutes_content(meeting)
        by_status = {
            status: [a for a in detail.attendances if a.status == status]
            for status in AttendanceStatus.values
        }
        return render_to_string(
            "meetings/minutes.html",
            {
                "detail": detail,
                "meeting": detail.meeting,
                "present": by_status[AttendanceStatus.PRESENT],
                "represented": by_status[AttendanceStatus.REPRESENTED],
                "excused": by_status[AttendanceStatus.EXCUSED],
                "absent": by_status[AttendanceStatus.ABSENT],
                "collective": settings.MAILLAGE_COLLECTIVE_NAME,
                "made_at": timezone.now(),
                "language": language,
                "decisions": detail.decisions,
            },
        )


def pdf(meeting: Meeting, *, language: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded when minutes are made

    document = HTML(string=html(meeting, language=language), url_fetcher=_no_fetch)
    return bytes(document.write_pdf())
