"""The meetings' demonstration data: the circle "Sécurité alimentaire" (whose secretary is the
demo's partner member) asks a quorum, held a meeting three weeks ago (attendance, notes, action
items, minutes) and meets again in two weeks (an agenda). Idempotent: a meeting already there is
left as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.governance import services as governance
from maillage.governance.models import Circle
from maillage.meetings import selectors, services
from maillage.meetings.models import AttendanceStatus, Meeting, MeetingFormat
from maillage.network.models import Person, Sector

CIRCLE = "securite-alimentaire"
PLACE = "Salle communautaire, 4 rue Ambroise-Fafard, Baie-Saint-Paul"
LINK = "https://visio.example.org/securite-alimentaire"
LEAD = ("Mireille", "Boisjoli")
FACILITATOR = ("Ulysse", "Grandbois")
SECRETARY_EMAIL = "membre@demo.maillage.local"  # the demo's partner member

PAST_TITLE = "Rencontre d'automne du cercle Sécurité alimentaire"
PAST_AGENDA = (
    ("Mot d'accueil et tour de table", 10, "Chaque membre nomme une priorité de son milieu."),
    (
        "Portrait des initiatives alimentaires de Charlevoix",
        45,
        "Le portrait recense les comptoirs, cuisines collectives et jardins de Charlevoix-Est "
        "et de Charlevoix. Les membres demandent d'y ajouter les heures d'ouverture en hiver.",
    ),
    (
        "Initiatives à recommander au cercle général",
        30,
        "Deux initiatives répondent aux critères du cercle; la recommandation sera rédigée pour "
        "la prochaine rencontre du cercle général.",
    ),
)
# (what, agenda item, due in days, who: "lead" or "secretary")
PAST_ACTIONS = (
    ("Ajouter les heures d'ouverture d'hiver au portrait", 0, 21, "lead"),
    ("Rédiger la recommandation au cercle général", 1, 10, "secretary"),
)

NEXT_TITLE = "Rencontre d'hiver du cercle Sécurité alimentaire"
NEXT_AGENDA = (
    ("Adoption du procès-verbal de la rencontre d'automne", 5),
    ("Suivi de la recommandation au cercle général", 20),
    ("Priorités de l'année", 60),
)


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _quorum(circle: Circle) -> None:
    """Three seats, two sectors, and the community sector, which its initiatives rest on."""
    if circle.quorum_seats:
        return
    data = replace(
        governance.circle_data_of(circle),
        quorum_seats=3,
        quorum_sectors=2,
        quorum_required_sectors=list(Sector.objects.filter(key="communautaire")),
    )
    governance.circle_amend(actor=SYSTEM, circle=circle, data=data)


def _person(first: str, last: str) -> Person | None:
    return Person.objects.filter(first_name=first, last_name=last).first()


def _secretary() -> Person | None:
    return Person.objects.filter(user__email=SECRETARY_EMAIL).first()


def _past(circle: Circle) -> Meeting:
    lead = _person(*LEAD)
    secretary = _secretary()
    meeting = services.meeting_plan(
        actor=SYSTEM,
        group=circle,
        data=services.MeetingData(
            title=PAST_TITLE,
            format=MeetingFormat.HYBRID,
            place=PLACE,
            link=LINK,
            starts_at=_at(-21, 13, 30),
            ends_at=_at(-21, 16),
            facilitator=_person(*FACILITATOR),
            secretary=secretary,
            notes="Rencontre tenue chez un organisme membre; trois personnes en ligne.",
        ),
    )
    items = [
        services.agenda_item_add(
            actor=SYSTEM,
            meeting=meeting,
            data=services.AgendaItemData(
                title=title, duration=minutes, notes=notes, presenter=lead
            ),
        )
        for title, minutes, notes in PAST_AGENDA
    ]
    members = selectors.group_members(circle)
    # The last member sends their regrets; everyone else is there.
    entries = [
        services.AttendanceData(
            person=m.person,
            seat=m.seat,
            status=AttendanceStatus.EXCUSED
            if index == len(members) - 1
            else AttendanceStatus.PRESENT,
        )
        for index, m in enumerate(members)
    ]
    services.attendance_record(
        actor=SYSTEM, meeting=meeting, entries=entries, note="Trois personnes jointes en ligne."
    )
    people = {"lead": lead, "secretary": secretary}
    for text, item, due, who in PAST_ACTIONS:
        person = people[who]
        if person is not None:
            services.action_item_add(
                actor=SYSTEM,
                meeting=meeting,
                data=services.ActionItemData(
                    person=person,
                    text=text,
                    due_date=timezone.localdate() + dt.timedelta(days=due),
                    agenda_item=items[item + 1],
                ),
            )
    meeting = services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="hold")
    return services.minutes_make(actor=SYSTEM, meeting=meeting, language=settings.LANGUAGE_CODE)


def _next(circle: Circle) -> Meeting:
    meeting = services.meeting_plan(
        actor=SYSTEM,
        group=circle,
        data=services.MeetingData(
            title=NEXT_TITLE,
            format=MeetingFormat.IN_PERSON,
            place=PLACE,
            starts_at=_at(14, 13, 30),
            ends_at=_at(14, 16),
            facilitator=_person(*FACILITATOR),
            secretary=_secretary(),
        ),
    )
    for title, minutes in NEXT_AGENDA:
        services.agenda_item_add(
            actor=SYSTEM,
            meeting=meeting,
            data=services.AgendaItemData(title=title, duration=minutes),
        )
    return meeting


def load(*, stdout: Any) -> None:
    circle = Circle.objects.filter(slug=CIRCLE, archived_at__isnull=True).first()
    if circle is None:
        stdout.write(_("No circle “%(slug)s”: no demo meeting.") % {"slug": CIRCLE})
        return
    _quorum(circle)
    if not Meeting.objects.filter(circle=circle, title=PAST_TITLE).exists():
        _past(circle)
    if not Meeting.objects.filter(circle=circle, title=NEXT_TITLE).exists():
        _next(circle)
    stdout.write(
        _("%(meetings)d meetings, %(items)d action items.")
        % {
            "meetings": Meeting.objects.count(),
            "items": sum(m.action_items.count() for m in Meeting.objects.all()),
        }
    )
