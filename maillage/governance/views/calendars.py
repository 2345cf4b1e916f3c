"""The governance calendar and its private iCal feed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from maillage.core.actions import action_redirect
from maillage.core.permissions import permission_required
from maillage.governance import ical, selectors, services


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("governance:calendar_ical", kwargs={"token": token}))


@permission_required("governance.view_calendar")
def calendar(request: HttpRequest) -> HttpResponse:
    """One month at a time (the current one by default, `?month=YYYY-MM` another), with links
    to the previous and next months and a month field, usable without JavaScript."""
    month = selectors.calendar_month(
        viewer=request.user, month=selectors.parse_month(request.GET.get("month"))
    )
    feed = _feed_url(request, selectors.calendar_feed_token(request.user))  # type: ignore[arg-type]
    context = {
        "calendar": month,
        "feed_url": feed,
        "webcal_url": "webcal://" + feed.split("://", 1)[1],
    }
    return render(request, "governance/calendar.html", context)


@permission_required("governance.view_calendar")
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    """A confirmation first: every calendar application subscribed with the link stops
    receiving the events at once, and has to be given the new one."""
    calendar_url = reverse("governance:calendar")
    if request.method == "POST":
        return action_redirect(
            request,
            lambda actor: services.calendar_feed_reset(actor=actor),
            success=_(
                "Your calendar has a new subscription link; the previous one no longer works."
            ),
            to=calendar_url,
        )
    return render(request, "governance/calendar_feed_reset.html", {"calendar_url": calendar_url})


# The feed is reached without a session (a calendar application subscribes to it): its signed
# token stands for the account, and the events are those that account may see. It names people,
# so no HTTP cache keeps it (the server keeps it per visibility class until a change).
@permission_required("governance.view_structure")
@never_cache
def calendar_ical(request: HttpRequest, token: str) -> HttpResponse:
    user = selectors.calendar_feed_user(token)
    if user is None:
        raise Http404
    body = ical.feed(viewer=user, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gouvernance.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
