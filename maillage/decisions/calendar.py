"""Decisions due for review on the governance calendar (a `governance.calendar_sources`
source): each decision of the register with a review date, on that date, in its circle or
workstream."""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.templatetags.maillage import fr
from maillage.core.text import elide
from maillage.decisions.models import Decision
from maillage.decisions.paths import decision_path
from maillage.governance.calendar_sources import CalendarSource, EventWindow
from maillage.governance.selectors.calendars import CalendarEvent

KIND = "decision_review"


def review_event(decision: Decision) -> CalendarEvent:
    assert decision.review_date is not None
    sentence = _("Review of a decision of “%(group)s”.")
    group = decision.group
    return CalendarEvent(
        kind=KIND,
        date=decision.review_date,
        object_id=decision.pk,
        title=decision.title,
        summary=_("Decision review: %(title)s") % {"title": decision.title},
        description=elide(sentence % {"group": group.name}),
        description_html=elide(
            mark_safe(  # the sentence and the name in it are escaped
                conditional_escape(sentence) % {"group": fr(group.name)}
            )
        ),
        url=decision_path(decision),
        circle=decision.circle,
        workstream=decision.workstream,
    )


def review_events(window: EventWindow) -> list[CalendarEvent]:
    """The decisions due for review in the window's circles and workstreams (one query)."""
    decisions = Decision.objects.filter(
        review_date__gte=window.start, review_date__lte=window.end
    ).select_related("circle", "workstream")
    if window.circle_ids is not None or window.workstream_ids is not None:
        decisions = decisions.filter(window.in_groups())
    decisions = decisions.order_by("review_date", "pk")
    if window.limit is not None:
        decisions = decisions[: window.limit]
    return [review_event(decision) for decision in decisions]


SOURCE = CalendarSource(
    kind=KIND,
    label=gettext_lazy("Decision review"),
    events=review_events,
    models=(Decision,),
)
