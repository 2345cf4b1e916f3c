"""Pages of meetings: a group's meetings, a meeting's page, its forms and buttons."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, back_to, edit_page, form_redirect
from maillage.core.htmx import is_htmx, render_page_or_fragment
from maillage.core.lookups import one_of
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required
from maillage.core.uploads import download_response
from maillage.governance.models import Circle, Workstream
from maillage.governance.paths import group_url
from maillage.meetings import calendar, selectors, services, tasks, workflows
from maillage.meetings.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    RsvpForm,
)
from maillage.meetings.models import ActionItem, AgendaItem, Meeting
from maillage.meetings.paths import meeting_url
from maillage.meetings.rules import workflow_roles

PAGE_SIZE = 20

_circle = one_of(Circle.objects.all(), by="slug")
_workstream = one_of(Workstream.objects.all(), by="slug")
_meeting = one_of(Meeting.objects.select_related("circle", "workstream"))
_agenda_item = one_of(
    AgendaItem.objects.select_related("meeting__circle", "meeting__workstream", "process")
)
_action_item = one_of(
    ActionItem.objects.select_related("meeting__circle", "meeting__workstream", "person")
)


def _item_meeting(request: HttpRequest, pk: int) -> Meeting:
    return _agenda_item(request, pk).meeting


def _group_page(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    meetings = selectors.group_meetings(viewer=request.user, group=group)
    kind = "circle" if isinstance(group, Circle) else "workstream"
    context = {
        "group": group,
        "kind": kind,
        "group_url": group_url(group),
        "page": Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_plan": has_perm(request.user, "meetings.plan_meeting", group),
    }
    return render(request, "meetings/group_meetings.html", context)


@permission_required("meetings.view_list")
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The coming meetings of every group the person may read, and the last few past ones."""
    meetings = selectors.meeting_list(viewer=request.user)
    context = {
        # Counting the coming meetings is the one query of a page whose rows are kept: the
        # rows and the recent meetings are read only when drawn.
        "page": Paginator(meetings.coming, PAGE_SIZE).get_page(request.GET.get("page")),
        "recent": meetings.recent,
        "list_cache": selectors.LIST_CACHE,
        "kept_as": meetings.kept_as,
    }
    return render(request, "meetings/meeting_list.html", context)


@permission_required("meetings.view_meetings", obj=_circle)
def circle_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    return _group_page(request, _circle(request, slug))


@permission_required("meetings.view_meetings", obj=_workstream)
def workstream_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    return _group_page(request, _workstream(request, slug))


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    group: Circle | Workstream,
    cancel: str,
    submit: str,
    intro: str = "",
    meeting: Meeting | None = None,
    template: str = "meetings/form.html",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "group": group,
        "group_url": group_url(group),
        "meeting": meeting,
        "cancel_url": cancel,
        "submit": submit,
        "intro": intro,
    }
    status = 409 if getattr(form, "conflict", None) else 400 if form.is_bound else 200
    return render(request, template, context, status=status)


def _plan(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    members = selectors.group_members(group)
    form = MeetingForm(request.POST or None, members=members)
    return form_redirect(
        request,
        form,
        lambda actor: services.meeting_plan(actor=actor, group=group, data=form.to_data()),
        success=_("The meeting was planned: add its agenda, then send the invitations."),
        to=meeting_url,
    ) or _form_page(
        request,
        form,
        title=_("Plan a meeting of “%(name)s”") % {"name": group.name},
        group=group,
        cancel=group_url(group),
        submit=_("Plan the meeting"),
    )


@permission_required("meetings.plan_meeting", obj=_circle)
def circle_meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _plan(request, _circle(request, slug))


@permission_required("meetings.plan_meeting", obj=_workstream)
def workstream_meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _plan(request, _workstream(request, slug))


@permission_required("meetings.view_meeting", obj=_meeting)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's page; while it is live, HTMX asks again for its attendance and quorum
    alone, kept rendered: a poll reads nothing else."""
    detail = selectors.meeting_detail(viewer=request.user, pk=pk, meeting=_meeting(request, pk))
    if detail is None:
        raise Http404
    meeting = detail.meeting
    context: dict[str, Any] = {
        "detail": detail,
        "meeting": meeting,
        "page_cache": selectors.PAGE_CACHE,
        "live": selectors.is_live(meeting),
        "poll_seconds": settings.MAILLAGE_LIVE_POLL_SECONDS,
    }
    if not is_htmx(request):
        context.update(_meeting_page_context(request, detail))
    return render_page_or_fragment(request, "meetings/meeting_detail.html", "attendance", context)


def _meeting_page_context(request: HttpRequest, detail: selectors.MeetingDetail) -> dict[str, Any]:
    """What the whole page shows besides the attendance: the buttons and forms."""
    meeting = detail.meeting
    can_run = has_perm(request.user, "meetings.run_meeting", meeting)
    roles = workflow_roles(request.user, meeting) if can_run else set()
    return {
        "group": meeting.group,
        "group_url": group_url(meeting.group),
        "can_run": can_run,
        "transitions": workflows.MEETING.available(meeting.state, roles),
        "rsvp_form": RsvpForm(initial={"rsvp": detail.my_invite.rsvp})
        if detail.my_invite
        else None,
        "minutes_form": MinutesForm() if can_run and meeting.state == "held" else None,
        # Only a link to the action item's form: the group's members are read there.
        "can_add_action": can_run and meeting.state != "cancelled",
    }


@permission_required("meetings.run_meeting", obj=_meeting)
def meeting_amend(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    members = selectors.group_members(meeting.group)
    return edit_page(
        request,
        meeting,
        lambda data: MeetingForm(data, members=members, meeting=meeting),
        lambda actor, form, version: services.meeting_amend(
            actor=actor, meeting=meeting, data=form.to_data(), version=version
        ),
        success=_("The meeting was changed."),
        to=meeting_url(meeting),
        page=_meeting_page(request, meeting, _("Change the meeting “%(title)s”"), _("Save")),
    )


def _meeting_page(
    request: HttpRequest, meeting: Meeting, title: str, submit: str, **more: Any
) -> Callable[[forms.Form], HttpResponse]:
    return partial(
        _form_page,
        request,
        title=title % {"title": meeting.title},
        group=meeting.group,
        meeting=meeting,
        cancel=meeting_url(meeting),
        submit=submit,
        **more,
    )


@permission_required("meetings.view_meeting", obj=_meeting)
@require_POST
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    step = request.POST.get("transition", "")
    return action_redirect(
        request,
        lambda actor: services.meeting_transition(
            actor=actor, meeting=meeting, transition=step, version=request.POST.get("version")
        ),
        success=lambda m: _("Status of the meeting: %(state)s.") % {"state": m.state_label},
        to=meeting_url(meeting),
        refusals=(ValidationError, PermissionDenied),
    )


@permission_required("meetings.run_meeting", obj=_meeting)
@require_POST
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return action_redirect(
        request,
        lambda actor: services.meeting_invite(actor=actor, meeting=meeting),
        success=lambda sent: (
            _("%(invited)s people invited, %(emailed)s by e-mail.")
            % {"invited": sent.invited, "emailed": sent.emailed}
        ),
        to=meeting_url(meeting),
    )


@permission_required("meetings.answer_invitation", obj=_meeting)
@require_POST
def meeting_rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = RsvpForm(request.POST)
    back = back_to(request, meeting_url(meeting))
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect(back)
    return action_redirect(
        request,
        lambda actor: services.invitation_answer(
            actor=actor, meeting=meeting, rsvp=form.cleaned_data["rsvp"]
        ),
        success=_("Your answer was recorded."),
        to=back,
    )


@permission_required("meetings.view_meeting", obj=_meeting)
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's iCal entry, to add it to a calendar application."""
    meeting = _meeting(request, pk)
    response = HttpResponse(
        calendar.invitation_ics(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="rencontre-{meeting.pk}.ics"'
    return response


@permission_required("meetings.run_meeting", obj=_meeting)
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    members = selectors.group_members(meeting.group)
    recorded = {a.person_id: (a.status, a.substitute_id) for a in meeting.attendances.all()}
    return edit_page(
        request,
        meeting,
        lambda data: AttendanceForm(data, members=members, recorded=recorded, meeting=meeting),
        lambda actor, form, version: services.attendance_record(
            actor=actor,
            meeting=meeting,
            entries=form.to_entries(),
            note=form.cleaned_data["note"],
            version=version,
        ),
        success=_("The attendance was recorded."),
        to=meeting_url(meeting),
        page=_meeting_page(
            request,
            meeting,
            _("Attendance at “%(title)s”"),
            _("Record the attendance"),
            intro=_(
                "A person represented names the substitute of their seat who stood in: the "
                "seat then counts for quorum."
            ),
            template="meetings/attendance.html",
        ),
    )


@permission_required("meetings.run_meeting", obj=_meeting)
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaItemForm(
        request.POST or None,
        members=selectors.group_members(meeting.group),
        processes=selectors.open_processes(meeting.group),
    )
    return form_redirect(
        request,
        form,
        lambda actor: services.agenda_item_add(actor=actor, meeting=meeting, data=form.to_data()),
        success=_("The item was added to the agenda."),
        to=meeting_url(meeting),
    ) or _meeting_page(request, meeting, _("Add an item to “%(title)s”"), _("Add the item"))(form)


@permission_required("meetings.run_meeting", obj=_item_meeting)
def agenda_item_amend(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(request, pk)
    meeting = item.meeting
    members = selectors.group_members(meeting.group)
    processes = selectors.open_processes(meeting.group, item.process)
    return edit_page(
        request,
        item,
        lambda data: AgendaItemForm(data, members=members, processes=processes, item=item),
        lambda actor, form, version: services.agenda_item_amend(
            actor=actor, item=item, data=form.to_data(), version=version
        ),
        success=_("The agenda item was saved."),
        to=meeting_url(meeting),
        page=_meeting_page(
            request,
            meeting,
            _("Agenda item of “%(title)s”: its notes"),
            _("Save the item"),
        ),
    )


@permission_required("meetings.run_meeting", obj=_meeting)
def action_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ActionItemForm(
        request.POST or None, members=selectors.group_members(meeting.group), meeting=meeting
    )
    return form_redirect(
        request,
        form,
        lambda actor: services.action_item_add(actor=actor, meeting=meeting, data=form.to_data()),
        success=_("The action item was added."),
        to=meeting_url(meeting),
    ) or _meeting_page(request, meeting, _("Action item of “%(title)s”"), _("Add"))(form)


@permission_required("meetings.complete_action_item", obj=_action_item)
@require_POST
def action_item_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = _action_item(request, pk)
    return action_redirect(
        request,
        lambda actor: services.action_item_complete(actor=actor, item=item),
        success=_("Marked as done: “%(text)s”.") % {"text": item.text},
        to=back_to(request, meeting_url(item.meeting)),
    )


@permission_required("meetings.run_meeting", obj=_meeting)
@require_POST
def minutes_make(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the minutes by a task (at once with the immediate backend)."""
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else "fr"

    def make(actor: User) -> Meeting:
        if meeting.state != "held":
            raise ValidationError(
                _("Minutes are made for a meeting that was held and whose minutes are not adopted.")
            )
        tasks.make_minutes.enqueue(meeting.pk, language)
        return meeting

    return action_redirect(
        request,
        make,
        success=_("The minutes are being made; they appear on this page once ready."),
        to=meeting_url(meeting),
    )


@permission_required("meetings.view_meeting", obj=_meeting)
def minutes_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    if not meeting.minutes:
        raise Http404
    return download_response(
        meeting.minutes,
        filename=_("minutes-%(pk)s.pdf") % {"pk": meeting.pk},
        content_type="application/pdf",
    )
