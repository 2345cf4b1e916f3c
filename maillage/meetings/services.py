"""Every write of the meetings app: planning and changing a meeting, its workflow, invitations
and answers, attendance, agenda, action items and minutes; and, for the decisions taken in a
meeting, the meeting and its quorum noted on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.services import notify
from maillage.core.versions import lock, touch
from maillage.decisions.models import Decision, Process
from maillage.decisions.services import decision_meeting_note
from maillage.governance.models import Circle, Workstream
from maillage.meetings import paths, selectors, workflows
from maillage.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Invitee,
    Meeting,
    MeetingFormat,
    Rsvp,
)
from maillage.meetings.rules import workflow_roles
from maillage.meetings.selectors import group_members
from maillage.meetings.verbs import MeetingVerb
from maillage.network.models import Person, Seat


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _refuse_closed(group: Circle | Workstream) -> None:
    if group.archived_at is not None:
        raise ValidationError(_("This circle or workstream is archived."))


# Meetings


@dataclass
class MeetingData:
    title: str
    starts_at: datetime
    ends_at: datetime
    format: str = MeetingFormat.IN_PERSON
    place: str = ""
    link: str = ""
    facilitator: Person | None = None
    secretary: Person | None = None
    notes: str = ""


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "format": meeting.format,
        "place": meeting.place,
        "link": meeting.link,
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
        "facilitator": meeting.facilitator_id,
        "secretary": meeting.secretary_id,
        "notes": meeting.notes,
    }


def _fill(meeting: Meeting, data: MeetingData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the meeting a title.")
    if data.format not in MeetingFormat.values:
        errors["format"] = _("Unknown format.")
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = _("The meeting ends after it starts.")
    if data.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not data.place.strip():
        errors["place"] = _("Say where the meeting takes place.")
    if data.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and not data.link.strip():
        errors["link"] = _("Give the link of the online meeting.")
    if errors:
        raise ValidationError(errors)
    meeting.title = data.title.strip()
    meeting.format = data.format
    meeting.place = data.place.strip()
    meeting.link = data.link.strip()
    meeting.starts_at = data.starts_at
    meeting.ends_at = data.ends_at
    meeting.facilitator = data.facilitator
    meeting.secretary = data.secretary
    meeting.notes = data.notes.strip()


@transaction.atomic
def meeting_plan(*, actor: Actor, group: Circle | Workstream, data: MeetingData) -> Meeting:
    """Plan a meeting of `group` (a circle or a workstream)."""
    require(actor, "meetings.plan_meeting", group)
    _refuse_closed(group)
    meeting = Meeting(created_by=_user(actor))
    if isinstance(group, Circle):
        meeting.circle = group
    else:
        meeting.workstream = group
    _fill(meeting, data)
    return audit.audited_save(
        actor=actor,
        instance=meeting,
        verb=MeetingVerb.MEETING_PLANNED,
        payload=lambda m: _snapshot(m) | {"group": group.slug},
    )


@transaction.atomic
def meeting_amend(
    *, actor: Actor, meeting: Meeting, data: MeetingData, version: str | None = None
) -> Meeting:
    """Change a meeting's title, time, place, people and notes, unless it changed since
    `version` (`StaleVersion`). A cancelled meeting stays as it was."""
    require(actor, "meetings.run_meeting", meeting)
    lock(meeting, version=version)
    if meeting.state == "cancelled":
        raise ValidationError(_("This meeting was cancelled."))
    audit.audited_update(
        actor=actor,
        instance=meeting,
        verb=MeetingVerb.MEETING_AMENDED,
        snapshot=_snapshot,
        fill=lambda m: _fill(m, data),
        exclude=(),
    )
    _decisions_sync(meeting)  # its times say which decisions were taken in it
    return meeting


@transaction.atomic
def meeting_transition(
    *, actor: Actor, meeting: Meeting, transition: str, version: str | None = None
) -> Meeting:
    """Fire `transition` of the meeting's workflow (`workflows.MEETING`). Adopting the minutes
    needs them made, and the group's next meeting, at which they are adopted."""
    require(actor, "meetings.view_meeting", meeting)
    lock(meeting, version=version)
    roles = None if _user(actor) is None else workflow_roles(actor, meeting)
    step = workflows.MEETING.check(transition, state=meeting.state, roles=roles)
    values: dict[str, Any] = {"state": step.target, "state_changed_at": timezone.now()}
    payload: dict[str, Any] = {"transition": step.key, "from": meeting.state, "to": step.target}
    if step.key == "adopt_minutes":
        if not meeting.minutes:
            raise ValidationError({"transition": _("Make the minutes before adopting them.")})
        at = selectors.next_meeting(meeting)
        if at is None:
            raise ValidationError(
                {"transition": _("Minutes are adopted at the next meeting: plan it first.")}
            )
        values["minutes_adopted_at"] = at
        payload["adopted_at"] = at.pk
    if step.key == "hold" and meeting.starts_at > timezone.now():
        raise ValidationError({"transition": _("A meeting is held once it has started.")})
    meeting = audit.audited_set(
        actor=actor,
        instance=meeting,
        verb=MeetingVerb.MEETING_TRANSITION,
        values=values,
        payload=payload,
    )
    _decisions_sync(meeting)  # a cancelled meeting took no decision
    return meeting


# Invitations and answers


@dataclass
class InvitationsSent:
    invited: int
    emailed: int


@transaction.atomic
def meeting_invite(*, actor: Actor, meeting: Meeting, base_url: str = "") -> InvitationsSent:
    """Invite the group's current members not invited yet: each is told in the platform and
    gets an e-mail with the meeting's iCal entry (`tasks.send_meeting_invitation`)."""
    from maillage.meetings.tasks import send_meeting_invitation

    require(actor, "meetings.run_meeting", meeting)
    lock(meeting)
    if not meeting.is_coming:
        raise ValidationError(_("Only a meeting still to come sends invitations."))
    already = set(meeting.invitees.values_list("person_id", flat=True))
    people = [m.person for m in group_members(meeting.group) if m.person_id not in already]
    invitees = [Invitee.objects.create(meeting=meeting, person=person) for person in people]
    url = paths.meeting_url(meeting)
    emailed = 0
    for invitee in invitees:
        person = invitee.person
        if person.user_id is not None and person.user is not None and person.user.is_active:
            notify(
                recipient=person.user,
                subject=_("Invitation: %(title)s") % {"title": meeting.title},
                body=_("You are invited to the meeting “%(title)s” of “%(group)s”.")
                % {"title": meeting.title, "group": meeting.group.name},
                url=url,
                email=False,  # the invitation's own e-mail carries the iCal entry
            )
        if person.email:
            emailed += 1
            transaction.on_commit(partial(send_meeting_invitation.enqueue, invitee.pk, base_url))
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at", "updated_at"])
    audit.record(
        actor=actor,
        verb=MeetingVerb.MEETING_INVITED,
        target=meeting,
        payload={"invited": [p.pk for p in people], "emailed": emailed},
    )
    return InvitationsSent(invited=len(invitees), emailed=emailed)


@transaction.atomic
def invitation_answer(*, actor: Actor, meeting: Meeting, rsvp: str) -> Invitee:
    """The invited person answers: yes, no or maybe (again, to change their answer)."""
    require(actor, "meetings.answer_invitation", meeting)
    if rsvp not in Rsvp.values:
        raise ValidationError({"rsvp": _("Unknown answer.")})
    if not meeting.is_coming:
        raise ValidationError(_("This meeting is no longer to come."))
    user = _user(actor)
    invitee = Invitee.objects.select_for_update().filter(meeting=meeting, person__user=user).first()
    if user is None or invitee is None:
        raise ValidationError(
            _("Only the people invited to the meeting may answer its invitation.")
        )
    return audit.audited_set(
        actor=actor,
        instance=invitee,
        verb=MeetingVerb.MEETING_RSVP,
        values={"rsvp": rsvp, "rsvp_at": timezone.now()},
        target=meeting,
        payload={"person": invitee.person_id, "rsvp": rsvp},
    )


# Attendance


@dataclass
class AttendanceData:
    person: Person
    status: str
    seat: Seat | None = None
    substitute: Person | None = None


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    meeting: Meeting,
    entries: Sequence[AttendanceData],
    note: str = "",
    version: str | None = None,
) -> list[Attendance]:
    """Record who attended, for which seat, and who stood in for whom; what was recorded before
    for these people is replaced. A substitute must be one of the seat's substitutes."""
    require(actor, "meetings.run_meeting", meeting)
    lock(meeting, version=version)
    if meeting.state == "cancelled":
        raise ValidationError(_("This meeting was cancelled."))
    errors: dict[str, str] = {}
    for entry in entries:
        field = f"status_{entry.person.pk}"
        if entry.status not in AttendanceStatus.values:
            errors[field] = _("Unknown attendance.")
        elif entry.status == AttendanceStatus.REPRESENTED:
            allowed = (
                {p.pk for p in entry.seat.substitutes.all()} if entry.seat is not None else set()
            )
            if entry.substitute is None or entry.substitute.pk not in allowed:
                errors[f"substitute_{entry.person.pk}"] = _(
                    "Choose one of the substitutes of this person's seat."
                )
    if errors:
        raise ValidationError(errors)
    Attendance.objects.filter(meeting=meeting, person__in=[e.person for e in entries]).delete()
    rows = Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=e.person,
            seat=e.seat,
            status=e.status,
            substitute=e.substitute if e.status == AttendanceStatus.REPRESENTED else None,
        )
        for e in entries
    )
    meeting.attendance_note = note.strip()
    meeting.save(update_fields=["attendance_note", "updated_at"])  # a new version of the meeting
    audit.record(
        actor=actor,
        verb=MeetingVerb.ATTENDANCE_RECORDED,
        target=meeting,
        payload={
            "note": meeting.attendance_note,
            "people": {
                str(e.person.pk): [e.status, e.substitute.pk if e.substitute else None]
                for e in entries
            },
        },
    )
    _decisions_sync(meeting)  # their quorum
    return rows


# Agenda


@dataclass
class AgendaItemData:
    title: str
    presenter: Person | None = None
    duration: int | None = None
    notes: str = ""
    process: Process | None = None


def _item_check(data: AgendaItemData, meeting: Meeting, current: Process | None = None) -> None:
    errors = {}
    if not data.title.strip():
        errors["title"] = _("Give the item a title.")
    taken_up = data.process
    if (
        taken_up is not None
        and taken_up != current
        and not selectors.open_processes(meeting.group).filter(pk=taken_up.pk).exists()
    ):
        errors["process"] = _("Choose a process of this circle or workstream still under way.")
    if data.duration is not None and not 1 <= data.duration <= 600:
        errors["duration"] = _("Give a duration between 1 and 600 minutes.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agenda_item_add(*, actor: Actor, meeting: Meeting, data: AgendaItemData) -> AgendaItem:
    """Add an item at the end of the agenda."""
    require(actor, "meetings.run_meeting", meeting)
    lock(meeting)  # the last position, read then written
    if meeting.state == "cancelled":
        raise ValidationError(_("This meeting was cancelled."))
    _item_check(data, meeting)
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        position=(last or 0) + 1,
        title=data.title.strip(),
        presenter=data.presenter,
        duration=data.duration,
        notes=data.notes.strip(),
        process=data.process,
    )
    audit.audited_save(
        actor=actor,
        instance=item,
        verb=MeetingVerb.AGENDA_ITEM_ADDED,
        target=meeting,
        payload=lambda i: {
            "item": i.pk,
            "title": i.title,
            "position": i.position,
            "process": i.process_id,
        },
    )
    touch(meeting)
    _decisions_sync(meeting)
    return item


@transaction.atomic
def agenda_item_amend(
    *, actor: Actor, item: AgendaItem, data: AgendaItemData, version: str | None = None
) -> AgendaItem:
    """Change an item of the agenda, or write the notes taken on it."""
    require(actor, "meetings.run_meeting", item.meeting)
    lock(item, version=version)
    _item_check(data, item.meeting, item.process)

    def fill(i: AgendaItem) -> None:
        i.title = data.title.strip()
        i.presenter = data.presenter
        i.duration = data.duration
        i.notes = data.notes.strip()
        i.process = data.process

    audit.audited_update(
        actor=actor,
        instance=item,
        verb=MeetingVerb.AGENDA_ITEM_AMENDED,
        snapshot=lambda i: {
            "title": i.title,
            "presenter": i.presenter_id,
            "duration": i.duration,
            "notes": i.notes,
            "process": i.process_id,
        },
        fill=fill,
        exclude=(),
    )
    _decisions_sync(item.meeting)
    return item


# Action items


@dataclass
class ActionItemData:
    person: Person
    text: str
    due_date: date | None = None
    agenda_item: AgendaItem | None = None


@transaction.atomic
def action_item_add(*, actor: Actor, meeting: Meeting, data: ActionItemData) -> ActionItem:
    """Give someone something to do after the meeting; it appears in their My space."""
    require(actor, "meetings.run_meeting", meeting)
    if not data.text.strip():
        raise ValidationError({"text": _("Say what is to be done.")})
    if data.agenda_item is not None and data.agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("This item is not on this meeting's agenda.")})
    item = ActionItem(
        meeting=meeting,
        person=data.person,
        text=data.text.strip(),
        due_date=data.due_date,
        agenda_item=data.agenda_item,
    )
    audit.audited_save(
        actor=actor,
        instance=item,
        verb=MeetingVerb.ACTION_ITEM_ADDED,
        target=meeting,
        payload=lambda i: {
            "item": i.pk,
            "person": i.person_id,
            "text": i.text,
            "due_date": _iso(i.due_date),
        },
    )
    user = data.person.user
    if user is not None and user.is_active and user != _user(actor):
        notify(
            recipient=user,
            subject=_("Action item: %(text)s") % {"text": item.text[:150]},
            body=_("From the meeting “%(title)s”.") % {"title": meeting.title},
            url=paths.meeting_url(meeting),
        )
    return item


@transaction.atomic
def action_item_complete(*, actor: Actor, item: ActionItem) -> ActionItem:
    require(actor, "meetings.complete_action_item", item)
    lock(item)
    if item.done:
        return item
    return audit.audited_set(
        actor=actor,
        instance=item,
        verb=MeetingVerb.ACTION_ITEM_DONE,
        values={"done": True, "done_at": timezone.now()},
        target=item.meeting,
        payload={"item": item.pk},
    )


# Minutes


@transaction.atomic
def minutes_make(*, actor: Actor, meeting: Meeting, language: str) -> Meeting:
    """Make the minutes (PDF) of a held meeting in `language`, replacing earlier ones; adopted
    minutes stay as adopted."""
    from maillage.meetings import minutes

    require(actor, "meetings.run_meeting", meeting)
    lock(meeting)
    if meeting.state != "held":
        raise ValidationError(
            _("Minutes are made for a meeting that was held and whose minutes are not adopted.")
        )
    content = minutes.pdf(meeting, language=language)
    previous = meeting.minutes.name if meeting.minutes else ""
    meeting.minutes.save(f"pv-{meeting.pk}-{language}.pdf", ContentFile(content), save=False)
    meeting.minutes_language = language
    meeting.minutes_made_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_language", "minutes_made_at", "updated_at"])
    if previous and previous != meeting.minutes.name:
        meeting.minutes.storage.delete(previous)
    audit.record(
        actor=actor,
        verb=MeetingVerb.MINUTES_MADE,
        target=meeting,
        payload={"language": language, "bytes": len(content)},
    )
    return meeting


# Decisions taken in a meeting


def decision_meeting_sync(decision: Decision) -> Decision:
    """Note on `decision` the meeting in which it was taken (`selectors.decision_meeting`) and
    whether that meeting had its quorum, as the platform; run when a decision is taken
    (`receivers`) and again for a meeting's decisions when what they depend on changes."""
    meeting = selectors.decision_meeting(decision)
    if meeting is None:
        return decision_meeting_note(actor=SYSTEM, decision=decision, meeting_ref=None)
    return decision_meeting_note(
        actor=SYSTEM,
        decision=decision,
        meeting_ref=meeting.pk,
        meeting_title=meeting.title,
        quorum=selectors.quorum_state(meeting),
    )


def _decisions_sync(meeting: Meeting) -> None:
    """The decisions noted as taken in `meeting` and those of its agenda's processes, noted
    again: after its attendance, agenda, times or state changed."""
    processes = AgendaItem.objects.filter(meeting=meeting, process__isnull=False).values(
        "process_id"
    )
    for decision in Decision.objects.filter(
        Q(meeting_id_ref=meeting.pk) | Q(process__in=processes)
    ).order_by("pk"):
        decision_meeting_sync(decision)
