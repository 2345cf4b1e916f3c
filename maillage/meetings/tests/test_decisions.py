"""Meetings and decisions: an agenda item takes up a decision process; the decisions taken in a
meeting (its agenda's processes decided during it) are listed on its page and in its minutes,
and one taken in a meeting without quorum is flagged in the register and on its page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.decisions import services as decision_services
from maillage.decisions.models import Decision, MeetingQuorum, Position, ProcessMode, Visibility
from maillage.decisions.tests.factories import (
    CircleFactory,
    recorded_in_bulk,
    start,
    to_consent_round,
)
from maillage.meetings import selectors, services
from maillage.meetings.models import AgendaItem, Meeting
from maillage.meetings.tests.test_minutes import text_of
from maillage.meetings.tests.test_services import attend

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def under_way(table) -> Meeting:
    """The table's meeting, started an hour ago."""
    now = timezone.now()
    Meeting.objects.filter(pk=table.meeting.pk).update(
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    table.meeting.refresh_from_db()
    return table.meeting


def on_the_agenda(table, title="Adopter le plan annuel", **data):
    """A live consent process of the table's circle at its consent round, taken up by an item
    of the meeting's agenda."""
    process = to_consent_round(
        start(table.circle, SYSTEM, title=title, mode=ProcessMode.LIVE, **data)
    )
    services.agenda_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.AgendaItemData(title=f"Proposition : {title}", process=process),
    )
    return process


def consent(table, process) -> Decision:
    decision_services.answer_give(actor=table.community, process=process, position=Position.CONSENT)
    decision_services.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def test_a_meeting_without_a_required_sector_shows_quorum_not_met_and_its_decision_is_flagged(
    table,
):
    meeting = under_way(table)
    process = on_the_agenda(table, visibility=Visibility.PUBLIC)
    attend(table, community="present", municipal="present", health="absent")
    page = login(table.municipal).get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert "Quorum non atteint" in page.text
    decision = consent(table, process)
    assert decision.meeting_id_ref == meeting.pk
    assert decision.meeting_quorum == MeetingQuorum.NOT_MET
    register = Client().get(reverse("decisions:register")).text
    assert decision.title in register and "Prise sans quorum" in register
    page = Client().get(reverse("decisions:decision_detail", args=[decision.pk])).text
    assert "Prise sans quorum" in page and "Rencontre de la table" in page
    # The meeting's page lists it, flagged.
    page = login(table.municipal).get(reverse("meetings:meeting_detail", args=[meeting.pk])).text
    assert "Décisions prises" in page and "Prise sans quorum" in page
    # The health seat's substitute was there after all: the decision had its quorum.
    attend(table, health="represented")
    decision.refresh_from_db()
    assert decision.meeting_quorum == MeetingQuorum.MET
    assert "Prise sans quorum" not in Client().get(reverse("decisions:register")).text


def test_a_decision_taken_outside_its_meetings_is_not_theirs(table):
    process = on_the_agenda(table)  # on the agenda of a meeting a week away
    decision = consent(table, process)
    assert decision.meeting_id_ref is None and decision.meeting_quorum == ""
    assert list(selectors.meeting_decisions(table.meeting)) == []
    # Moved to the day it was taken, the meeting took it; cancelled, it took nothing.
    services.meeting_amend(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.MeetingData(
            title=table.meeting.title,
            place=table.meeting.place,
            starts_at=decision.decided_at - dt.timedelta(minutes=30),
            ends_at=decision.decided_at + dt.timedelta(minutes=30),
        ),
    )
    decision.refresh_from_db()
    assert decision.meeting_id_ref == table.meeting.pk
    assert decision.meeting_quorum == MeetingQuorum.UNKNOWN  # no attendance recorded
    assert list(selectors.meeting_decisions(table.meeting)) == [decision]
    services.meeting_transition(actor=SYSTEM, meeting=table.meeting, transition="cancel")
    decision.refresh_from_db()
    assert decision.meeting_id_ref is None


def test_the_agenda_form_offers_the_groups_processes_under_way_and_the_page_links_them(table):
    mine = to_consent_round(start(table.circle, SYSTEM, title="Budget du forum"))
    draft = start(table.circle, SYSTEM, title="Brouillon")
    other_group = to_consent_round(start(CircleFactory(), SYSTEM))
    facilitator = login(table.community)
    add = reverse("meetings:agenda_item_add", args=[table.meeting.pk])
    form = facilitator.get(add).context["form"]
    offered = set(form.fields["process"].queryset)
    assert mine in offered and draft not in offered and other_group not in offered
    response = facilitator.post(add, {"title": "Un point", "process": other_group.pk})
    assert response.status_code == 400 and response.context["form"].errors["process"]
    assert 'value="Un point"' in response.text
    response = facilitator.post(add, {"title": "Le budget", "process": mine.pk})
    assert response.status_code == 302
    assert AgendaItem.objects.get(title="Le budget").process == mine
    page = facilitator.get(reverse("meetings:meeting_detail", args=[table.meeting.pk])).text
    assert reverse("decisions:process_detail", args=[mine.pk]) in page


def test_the_minutes_list_the_decisions_taken(table, memory_storage):
    meeting = under_way(table)
    taken = consent(table, on_the_agenda(table, title="Adopter le plan annuel"))
    on_the_agenda(table, title="Proposition restée en suspens")  # not decided
    attend(table, community="present", municipal="present", health="absent")
    services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="hold")
    meeting = services.minutes_make(actor=SYSTEM, meeting=meeting, language="fr")
    with meeting.minutes.open("rb") as stored:
        text = " ".join(text_of(stored.read()).split())
    assert taken.title in text and "Nous proposons un calendrier." in text
    assert "Prise sans quorum" in text
    assert "Aucune décision consignée" not in text
    assert "Proposition restée en suspens" not in text.split("Décisions")[-1]


def test_a_meeting_page_keeps_its_query_count_from_10_to_500_decisions(table, query_budget):
    meter = query_budget(30)
    under_way(table)
    consent(table, on_the_agenda(table))
    attend(table, community="present", municipal="present", health="absent")
    page = reverse("meetings:meeting_detail", args=[table.meeting.pk])
    facilitator = login(table.community)
    recorded_in_bulk(table.circle, 9)
    small = meter.get(facilitator, page)
    recorded_in_bulk(table.circle, 490)
    for _n in range(3):
        on_the_agenda(table, title=f"Encore {_n}")
    assert meter.get(facilitator, page) == small
