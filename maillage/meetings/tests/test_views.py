"""The meetings' pages: a group's meetings, a meeting's page with its quorum, the forms of the
facilitator, My space's action items, the governance calendar and its feed; query counts at two
sizes."""

import datetime as dt

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors as governance_selectors
from maillage.governance.models import Membership
from maillage.governance.tests.factories import PersonFactory, WorkstreamFactory, guest_of
from maillage.meetings import services
from maillage.meetings.models import Meeting
from maillage.meetings.tests.factories import MeetingFactory, member_with_seat, moment
from maillage.meetings.tests.test_services import attend


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs=kwargs)


def test_a_meeting_without_the_required_sector_shows_quorum_not_reached(table):
    attend(table, community="present", municipal="present", health="absent")
    page = login(table.municipal).get(url("meeting_detail", pk=table.meeting.pk)).text
    assert "Quorum non atteint" in page
    assert "(2 personnes, 2 sièges, 2 secteurs)" in page
    assert "secteur « Santé et services sociaux » absent" in page
    assert "au moins 2 sièges représentés, le secteur « Santé et services sociaux » présent" in page
    attend(table, health="represented")
    page = login(table.municipal).get(url("meeting_detail", pk=table.meeting.pk)).text
    assert "Quorum atteint" in page and "Quorum non atteint" not in page


def test_the_facilitator_plans_fills_and_records_a_meeting_through_its_forms(table):
    facilitator = login(table.community)
    meeting = table.meeting
    # The agenda, with the notes of an item.
    response = facilitator.post(
        url("agenda_item_add", pk=meeting.pk), {"title": "Tour de table", "duration": "15"}
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    edit = facilitator.get(url("agenda_item_amend", pk=item.pk))
    response = facilitator.post(
        url("agenda_item_amend", pk=item.pk),
        {
            "title": "Tour de table",
            "duration": "20",
            "notes": "Chacun se présente.",
            "version": edit.context["form"]["version"].value(),
        },
    )
    assert response.status_code == 302
    refused = facilitator.post(
        url("agenda_item_add", pk=meeting.pk), {"title": "", "duration": "0"}
    )
    assert refused.status_code == 400 and "title" in refused.context["form"].errors
    # The attendance, with a substitute standing in for the health seat.
    health = table.health.person
    substitute = health.seats.get().substitutes.get()
    form = facilitator.get(url("meeting_attendance", pk=meeting.pk))
    assert form.status_code == 200 and "Chloé Roy" in form.text
    response = facilitator.post(
        url("meeting_attendance", pk=meeting.pk),
        {
            f"status_{table.community.person.pk}": "present",
            f"status_{table.municipal.person.pk}": "excused",
            f"status_{health.pk}": "represented",
            f"substitute_{health.pk}": str(substitute.pk),
            "version": form.context["form"]["version"].value(),
        },
    )
    assert response.status_code == 302
    assert meeting.attendances.get(person=health).substitute == substitute
    # An action item, which its person finds in My space.
    response = facilitator.post(
        url("action_item_add", pk=meeting.pk),
        {"person": table.municipal.person.pk, "text": "Écrire aux élus", "due_date": "2031-03-14"},
    )
    assert response.status_code == 302
    my_space = login(table.municipal).get("/mon-espace/").text
    assert "Mes suivis" in my_space and "Écrire aux élus" in my_space


def test_a_represented_person_without_a_substitute_is_refused_at_the_field(table):
    facilitator = login(table.community)
    form = facilitator.get(url("meeting_attendance", pk=table.meeting.pk))
    person = table.municipal.person
    response = facilitator.post(
        url("meeting_attendance", pk=table.meeting.pk),
        {f"status_{person.pk}": "represented", "version": form.context["form"]["version"].value()},
    )
    assert response.status_code == 400
    assert f"substitute_{person.pk}" in response.context["form"].errors
    assert not table.meeting.attendances.exists()


def test_the_circles_meetings_are_kept_until_a_meeting_changes(table):
    cache.clear()
    circle_page = reverse("governance:circle_detail", kwargs={"slug": table.circle.slug})
    staff, member = login(user_with_role(Role.STAFF)), login(table.municipal)

    def meeting_queries(client: Client) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(circle_page).text
        return page, sum('"meetings_meeting"' in q["sql"] for q in captured.captured_queries)

    page, queries = meeting_queries(staff)
    assert "Rencontre de la table" in page and "Planifier une rencontre" in page and queries
    page, queries = meeting_queries(staff)
    assert "Rencontre de la table" in page and queries == 0
    # Kept apart for those who may not plan one: no button taken from the staff's copy.
    page, _queries = meeting_queries(member)
    assert "Rencontre de la table" in page and "Planifier une rencontre" not in page
    start = moment(days=40)
    services.meeting_plan(
        actor=SYSTEM,
        group=table.circle,
        data=services.MeetingData(
            title="Rencontre de printemps",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            place="Baie-Saint-Paul",
        ),
    )
    page, queries = meeting_queries(member)
    assert "Rencontre de printemps" in page and queries


def test_staff_plan_a_meeting_from_the_circles_page(table):
    staff = login(user_with_role(Role.STAFF))
    page = staff.get(reverse("governance:circle_detail", kwargs={"slug": table.circle.slug})).text
    assert "Rencontre de la table" in page and "Planifier une rencontre" in page
    response = staff.post(
        url("circle_meeting_create", slug=table.circle.slug),
        {
            "title": "Rencontre d’automne",
            "format": "hybrid",
            "place": "Baie-Saint-Paul",
            "link": "https://visio.example.org/automne",
            "day": "2031-10-02",
            "start": "13:30",
            "end": "16:00",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Rencontre d’automne")
    assert response.url == url("meeting_detail", pk=meeting.pk)
    refused = staff.post(
        url("circle_meeting_create", slug=table.circle.slug),
        {
            "title": "Sans heure",
            "format": "in_person",
            "place": "",
            "day": "2031-10-02",
            "start": "16:00",
            "end": "13:00",
        },
    )
    assert refused.status_code == 400
    assert "end" in refused.context["form"].errors
    assert refused.context["form"]["title"].value() == "Sans heure"


def test_an_invited_member_answers_from_the_page(table):
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    member = login(table.municipal)
    assert "Serez-vous présent·e?" in member.get(url("meeting_detail", pk=table.meeting.pk)).text
    response = member.post(url("meeting_rsvp", pk=table.meeting.pk), {"rsvp": "no"})
    assert response.status_code == 302
    assert table.meeting.invitees.get(person=table.municipal.person).rsvp == "no"


def test_an_unanswered_invitation_awaits_in_my_space_and_is_answered_there(table):
    cache.clear()
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    member = login(table.municipal)
    page = member.get("/mon-espace/").text
    assert "Rencontres à confirmer" in page and url("meeting_rsvp", pk=table.meeting.pk) in page
    # Kept for the next visit: no meeting read again.
    with CaptureQueriesContext(connection) as captured:
        assert "Rencontres à confirmer" in member.get("/mon-espace/").text
    assert not [q for q in captured.captured_queries if '"meetings_' in q["sql"]]
    response = member.post(
        url("meeting_rsvp", pk=table.meeting.pk), {"rsvp": "maybe", "next": "/mon-espace/"}
    )
    assert response.status_code == 302 and response.url == "/mon-espace/"
    assert table.meeting.invitees.get(person=table.municipal.person).rsvp == "maybe"
    assert "Rencontres à confirmer" not in member.get("/mon-espace/").text


def test_an_answer_sent_back_elsewhere_lands_on_the_meeting(table):
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    member = login(table.municipal)
    for elsewhere in ("https://ailleurs.example/", "//ailleurs.example/", "/\\ailleurs.example/"):
        response = member.post(
            url("meeting_rsvp", pk=table.meeting.pk), {"rsvp": "yes", "next": elsewhere}
        )
        assert response.url == url("meeting_detail", pk=table.meeting.pk)


def test_the_meeting_is_on_the_governance_calendar_and_in_its_feed(table):
    member = login(table.municipal)
    month = table.meeting.starts_at.strftime("%Y-%m")
    page = member.get(reverse("governance:calendar") + f"?month={month}").text
    assert "Rencontre de la table" in page and url("meeting_detail", pk=table.meeting.pk) in page
    token = governance_selectors.calendar_feed_token(table.municipal)
    feed = member.get(reverse("governance:calendar_ical", kwargs={"token": token})).content
    events = [
        e
        for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")
        if str(e["SUMMARY"]) == "Rencontre : Rencontre de la table"
    ]
    assert len(events) == 1
    assert events[0]["DTSTART"].dt == table.meeting.starts_at
    assert str(events[0]["LOCATION"]) == "Salle du conseil, Baie-Saint-Paul"
    # A change to the meeting reaches the kept month and feed at once.
    services.meeting_transition(actor=SYSTEM, meeting=table.meeting, transition="cancel")
    assert (
        "Rencontre de la table"
        not in member.get(reverse("governance:calendar") + f"?month={month}").text
    )
    feed = member.get(reverse("governance:calendar_ical", kwargs={"token": token})).content
    assert b"Rencontre de la table" not in feed


def test_the_meeting_is_among_my_next_dates(table):
    page = login(table.municipal).get("/mon-espace/").text
    assert "Rencontre de la table" in page.split('id="my-dates-heading"', 1)[1]


def grow(table, count: int) -> None:
    """`count` more members (with seats), meetings, agenda items, invitations, attendance and
    action items."""
    for _n in range(count):
        member_with_seat(table.circle, "communautaire", substitute=True)
    for n in range(count):
        meeting = Meeting.objects.create(
            circle=table.circle,
            title=f"Rencontre {n}",
            place="Ici",
            starts_at=moment(-30 - n),
            ends_at=moment(-30 - n) + dt.timedelta(hours=2),
        )
        services.agenda_item_add(
            actor=SYSTEM,
            meeting=table.meeting,
            data=services.AgendaItemData(title=f"Point {n}", presenter=PersonFactory()),
        )
        services.action_item_add(
            actor=SYSTEM,
            meeting=table.meeting,
            data=services.ActionItemData(person=table.municipal.person, text=f"Suivi {n}"),
        )
        assert meeting.pk
    services.meeting_invite(actor=SYSTEM, meeting=table.meeting)
    people = [m.person for m in Membership.objects.filter(circle=table.circle)]
    services.attendance_record(
        actor=SYSTEM,
        meeting=table.meeting,
        entries=[
            services.AttendanceData(person=p, status="present", seat=p.seats.first())
            for p in people
        ],
    )


@pytest.mark.parametrize("role", ["member", "runner"])
def test_the_pages_keep_their_query_count_from_few_to_many(table, role, query_budget):
    meter = query_budget(40)
    client = login(table.municipal if role == "member" else table.community)
    pages = [
        url("meeting_detail", pk=table.meeting.pk),
        url("circle_meetings", slug=table.circle.slug),
        url("circle_meetings", slug=table.circle.slug) + "?page=2",
        url("meeting_attendance", pk=table.meeting.pk) if role == "runner" else "/mon-espace/",
    ]
    grow(table, 2)
    small = [meter.get(client, path) for path in pages]
    grow(table, 25)
    assert [meter.get(client, path) for path in pages] == small


def test_the_pages_answer_at_french_and_english_paths(table):
    from django.utils import translation

    assert url("meeting_detail", pk=table.meeting.pk) == f"/rencontres/{table.meeting.pk}/"
    with translation.override("en"):
        english = url("circle_meetings", slug=table.circle.slug)
    assert english == f"/en/meetings/circles/{table.circle.slug}/"
    page = login(table.municipal).get(english)
    assert page.status_code == 200 and "Rencontre de la table" in page.text


def test_the_list_of_meetings_shows_each_person_what_they_may_read(table, query_budget):
    """Partner members see every group's coming meetings, with the group named; a guest only
    their workstream's; a visitor is asked to log in. Its query count does not grow."""
    workstream = WorkstreamFactory(name="Chantier des cuisines")
    MeetingFactory(
        circle=None, workstream=workstream, title="Rencontre du chantier", starts_at=moment(3)
    )
    guest = guest_of(WorkstreamFactory(name="Chantier voisin"))
    page = login(table.municipal).get(url("meeting_list")).text
    assert f'<a href="{url("meeting_list")}"' in page  # among the account's links
    assert "Rencontre de la table" in page and "Rencontre du chantier" in page
    assert "Chantier des cuisines" in page
    guest_page = login(guest).get(url("meeting_list")).text
    assert "Rencontre de la table" not in guest_page and "Rencontre du chantier" not in guest_page
    assert "Aucune rencontre n’est prévue." in guest_page
    assert Client().get(url("meeting_list")).status_code == 302
    meter = query_budget(20)
    client = login(table.municipal)
    small = meter.get(client, url("meeting_list"))
    for n in range(25):
        MeetingFactory(
            circle=None, workstream=workstream, title=f"Rencontre {n}", starts_at=moment(4 + n)
        )
    assert meter.get(client, url("meeting_list")) == small
