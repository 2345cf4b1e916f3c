"""Personal information in meetings (Québec's Law 25): what the app keeps, what "my data" shows
of it, and how a person is anonymized while every meeting and its minutes stay whole.

The minutes are the collective's record: attendance, notes, action items stay, linked to the
same person (whose name the network app replaces). What the app copied of the name as text
(the notes, the remarks on attendance typed by hand, the minutes' PDF) gives way to the
pseudonym. The notes have no author of their own (the secretary writes them for the group), so
asking that one's texts be removed leaves them, with the name replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.tasks import task
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core import cache
from maillage.core.personal import (
    Held,
    Row,
    Section,
    declare,
    full_names,
    register_anonymizer,
    register_export,
    replace_in_texts,
)
from maillage.decisions.models import Decision
from maillage.meetings import panels, selectors
from maillage.meetings.models import ActionItem, AgendaItem, Attendance, Invitee, Meeting
from maillage.meetings.paths import meeting_url
from maillage.meetings.workflows import COMING_STATES
from maillage.network.models import Person
from maillage.network.personal import person_of

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

# Declarations

_MEMBERS = _("the members of the circle or workstream, and staff")
_WITH_MINUTES = _("permanently, with the meeting's minutes")

declare(
    "meetings.Meeting",
    fields=["facilitator", "secretary", "notes", "attendance_note", "minutes"],
    purpose=_(
        "The minutes of a meeting: who facilitated it and took the notes, the notes taken, "
        "remarks on attendance, and the minutes' document naming who attended."
    ),
    seen_by=_MEMBERS,
    kept=_WITH_MINUTES,
)
declare(
    "meetings.AgendaItem",
    fields=["presenter", "notes"],
    purpose=_("Who presents an item of the agenda, and the notes taken on it."),
    seen_by=_MEMBERS,
    kept=_WITH_MINUTES,
)
declare(
    "meetings.Invitee",
    fields=["person", "rsvp"],
    purpose=_("Whom a meeting is sent to, and whether they said they would attend."),
    seen_by=_MEMBERS,
    kept=_("as long as the meeting's record"),
)
declare(
    "meetings.Attendance",
    fields=["person", "seat", "status", "substitute"],
    purpose=_(
        "Who attended, for which seat and who stood in for whom, to establish the quorum "
        "and write the minutes."
    ),
    seen_by=_MEMBERS,
    kept=_WITH_MINUTES,
)
declare(
    "meetings.ActionItem",
    fields=["person", "text"],
    purpose=_("What a person is to do after a meeting, so that it is followed up."),
    seen_by=_MEMBERS,
    kept=_WITH_MINUTES,
)

# "My data"


def _day(moment: Any) -> Any:
    return moment.date() if moment is not None else None


# What each row shows of its meeting: the rows read only the fields they show (a query's cost
# grows with its columns).
_MEETING = ("meeting__title", "meeting__starts_at")


def export(account: User) -> list[Section]:
    """Everything the app keeps of `account`: invitations and answers, attendance (in their own
    name, for their seat or as a substitute), action items, the meetings they facilitated,
    planned or took the notes of, and the agenda items they presented (one query per kind held)."""
    meeting_label, date = gettext("Meeting"), gettext("Date")
    # The person's id and seats' ids first, in one query: an OR across joins, or on a subquery,
    # would read every attendance of the platform. An account without a record has none.
    found = list(Person.objects.filter(user=account).values_list("pk", "seats__pk"))
    person = found[0][0] if found else None
    seats = [seat for _pk, seat in found if seat is not None]
    attendance = Q(person_id=person) | Q(substitute_id=person) | Q(seat_id__in=seats)
    held = Held(
        account,
        invitations=Invitee.objects.filter(person__user=account)
        .select_related("meeting")
        .only(*_MEETING, "meeting__state", "rsvp", "rsvp_at")
        .order_by("meeting__starts_at", "pk"),
        attendances=Attendance.objects.filter(attendance if person else Q(pk__in=[]))
        .select_related("meeting", "person", "seat__organization", "substitute")
        .only(
            *_MEETING,
            *("status", "person__first_name", "person__last_name", "seat__organization__name"),
            *("substitute__first_name", "substitute__last_name"),
        )
        .order_by("meeting__starts_at", "pk"),
        action_items=ActionItem.objects.filter(person__user=account)
        .select_related("meeting")
        .only(*_MEETING, "text", "due_date", "done")
        .order_by("meeting__starts_at", "pk"),
        roles=Meeting.objects.filter(
            Q(facilitator_id=person) | Q(secretary_id=person) | Q(created_by=account)
            if person
            else Q(created_by=account)
        )
        .select_related("facilitator", "secretary")
        .only("title", "starts_at", "created_by", "facilitator__user", "secretary__user")
        .order_by("starts_at", "pk"),
        agenda_items=AgendaItem.objects.filter(presenter__user=account)
        .select_related("meeting")
        .only(*_MEETING, "title", "duration")
        .order_by("meeting__starts_at", "position", "pk"),
    )
    return [
        Section(
            "meetings.invitations",
            _("Your invitations to meetings"),
            _("To invite the members of a group and know who will attend."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            meeting_label: i.meeting.title,
                            date: _day(i.meeting.starts_at),
                            gettext("Answer"): i.get_rsvp_display() if i.rsvp else None,
                            gettext("Answered"): _day(i.rsvp_at),
                        },
                        # The answer may change until the meeting is held.
                        correct_url=meeting_url(i.meeting)
                        if i.meeting.state in COMING_STATES
                        else "",
                    )
                    for i in held["invitations"]
                ],
                "invitations",
            ),
        ),
        Section(
            "meetings.attendance",
            _("Your attendance at meetings"),
            _("To establish the quorum of each meeting and write its minutes."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            meeting_label: a.meeting.title,
                            date: _day(a.meeting.starts_at),
                            gettext("Person"): str(a.person),
                            gettext("Attendance"): a.get_status_display(),
                            gettext("On behalf of (seat)"): (
                                a.seat.organization.name if a.seat else None
                            ),
                            gettext("Substitute"): str(a.substitute) if a.substitute else None,
                        }
                    )
                    for a in held["attendances"]
                ],
                "attendances",
            ),
        ),
        Section(
            "meetings.action_items",
            _("Action items given to you"),
            _("To follow up what was agreed in a meeting."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            meeting_label: item.meeting.title,
                            gettext("What"): item.text,
                            gettext("Due date"): item.due_date,
                            gettext("Done"): item.done,
                        }
                    )
                    for item in held["action_items"]
                ],
                "action_items",
            ),
        ),
        Section(
            "meetings.roles",
            _("Meetings you planned, facilitated or took the notes of"),
            _("To run meetings and keep their minutes."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            meeting_label: m.title,
                            date: _day(m.starts_at),
                            gettext("Planned by you"): m.created_by_id == account.pk,
                            gettext("Facilitator"): bool(
                                m.facilitator and m.facilitator.user_id == account.pk
                            ),
                            gettext("Secretary"): bool(
                                m.secretary and m.secretary.user_id == account.pk
                            ),
                        }
                    )
                    for m in held["roles"]
                ],
                "roles",
            ),
        ),
        Section(
            "meetings.agenda_items",
            _("Agenda items you presented"),
            _("To prepare the agenda of a meeting."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            meeting_label: item.meeting.title,
                            date: _day(item.meeting.starts_at),
                            gettext("Item"): item.title,
                            gettext("Duration (minutes)"): item.duration,
                        }
                    )
                    for item in held["agenda_items"]
                ],
                "agenda_items",
            ),
        ),
    ]


# Anonymization

# The texts that may copy a person's name: the minutes keep them, with the pseudonym instead.
NAMED_COLUMNS: list[tuple[type[models.Model], str]] = [
    (Meeting, "title"),
    (Meeting, "notes"),
    (Meeting, "attendance_note"),
    (AgendaItem, "title"),
    (AgendaItem, "notes"),
    (ActionItem, "text"),
]


def _named_minutes(person: Person, names: list[str]) -> list[int]:
    """The meetings whose minutes' PDF names the person: through the rows it lists, or a copy
    of the name in its texts or in the decisions it took (read before they are rewritten)."""
    named = (
        Q(attendances__person=person)
        | Q(attendances__substitute=person)
        | Q(facilitator=person)
        | Q(secretary=person)
        | Q(agenda_items__presenter=person)
        | Q(action_items__person=person)
    )
    decided = Q()
    for name in names:
        named |= (
            Q(notes__contains=name) | Q(attendance_note__contains=name) | Q(title__contains=name)
        )
        named |= Q(agenda_items__notes__contains=name) | Q(agenda_items__title__contains=name)
        named |= Q(action_items__text__contains=name)
        decided |= Q(text__contains=name) | Q(rationale__contains=name) | Q(title__contains=name)
    if names:
        named |= Q(
            pk__in=Decision.objects.filter(decided, meeting_id_ref__isnull=False).values(
                "meeting_id_ref"
            )
        )
    return list(
        Meeting.objects.exclude(minutes="").filter(named).values_list("pk", flat=True).distinct()
    )


@task()
def minutes_remake(meeting_ids: list[int]) -> int:
    """Make again, in their language, the minutes' PDFs of `meeting_ids` after a person was
    anonymized, so that no stored copy still names them. Adopted minutes stay adopted: only
    the names in them changed. Returns how many were made."""
    from maillage.meetings import minutes

    made = 0
    for meeting in Meeting.objects.filter(pk__in=meeting_ids).exclude(minutes=""):
        language = meeting.minutes_language or settings.LANGUAGE_CODE
        content = minutes.pdf(meeting, language=language)
        previous = meeting.minutes.name
        meeting.minutes.save(f"pv-{meeting.pk}-{language}.pdf", ContentFile(content), save=False)
        meeting.save(update_fields=["minutes"])
        if previous and previous != meeting.minutes.name:
            meeting.minutes.storage.delete(previous)
        made += 1
    return made


def anonymize(*, account: User, pseudonym: str, actor: Actor, remove_texts: bool) -> None:
    """Replace each copy of the account's person's name by `pseudonym` in the meetings' texts,
    and have the minutes' PDFs that name them made again once the anonymization is committed
    (the network app renames the person after this app's turn). Attendance, invitations and
    action items stay linked to the same person, so quorums and minutes are what they were. No
    audit event (it would name the person)."""
    person = person_of(account)
    if person is None:
        return
    names = full_names(str(person))
    remake = _named_minutes(person, names)
    replace_in_texts(NAMED_COLUMNS, names, pseudonym)
    if remake:
        transaction.on_commit(lambda: minutes_remake.enqueue(remake))
    # Bulk updates send no signal: the kept pages are rendered again.
    for namespace in (
        selectors.PAGE_CACHE,
        selectors.LIST_CACHE,
        panels.PANEL_CACHE,
        panels.AWAITING_CACHE,
    ):
        cache.bump(namespace)


register_export("meetings", export)
register_anonymizer("meetings", anonymize)
