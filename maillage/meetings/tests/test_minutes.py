"""The minutes' PDF: read back, its text holds the attendance, the agenda's notes, the action
items and the decisions' section."""

import io

import pypdf
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.meetings import services
from maillage.meetings.models import Meeting
from maillage.meetings.tests.factories import moment
from maillage.meetings.tests.test_services import attend


def held(table) -> Meeting:
    Meeting.objects.filter(pk=table.meeting.pk).update(starts_at=moment(-1), ends_at=moment(-1, 15))
    table.meeting.refresh_from_db()
    services.agenda_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.AgendaItemData(title="Portrait du logement", notes="Trois constats retenus."),
    )
    services.action_item_add(
        actor=SYSTEM,
        meeting=table.meeting,
        data=services.ActionItemData(
            person=table.municipal.person, text="Relancer les municipalités"
        ),
    )
    attend(table, community="present", municipal="present", health="represented")
    return services.meeting_transition(actor=SYSTEM, meeting=table.meeting, transition="hold")


def text_of(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_minutes_hold_the_attendance_the_notes_and_the_action_items(table, memory_storage):
    meeting = services.minutes_make(actor=SYSTEM, meeting=held(table), language="fr")
    assert meeting.minutes_language == "fr" and meeting.minutes_made_at is not None
    with meeting.minutes.open("rb") as stored:
        text = text_of(stored.read())
    assert "Procès-verbal — Rencontre de la table" in text
    assert "Aline Tremblay" in text and "Bruno Gagnon" in text
    assert "Représenté·e par un substitut" in text
    assert "Trois constats retenus." in text
    assert "Relancer les municipalités" in text
    assert "Quorum atteint" in text
    assert "Aucune décision consignée à cette rencontre." in text


def test_the_minutes_in_english(table, memory_storage):
    meeting = services.minutes_make(actor=SYSTEM, meeting=held(table), language="en")
    with meeting.minutes.open("rb") as stored:
        text = text_of(stored.read())
    assert "Minutes — Rencontre de la table" in text
    assert "Represented by a substitute" in text


def test_the_facilitator_makes_the_minutes_from_the_page_and_members_download_them(
    table, memory_storage
):
    meeting = held(table)
    facilitator = Client()
    facilitator.force_login(table.community)
    response = facilitator.post(
        reverse("meetings:minutes_make", kwargs={"pk": meeting.pk}), {"language": "fr"}
    )
    assert response.status_code == 302
    member = Client()
    member.force_login(table.health)
    download = member.get(reverse("meetings:minutes_download", kwargs={"pk": meeting.pk}))
    assert download.status_code == 200
    assert "Relancer les municipalités" in text_of(b"".join(download.streaming_content))


def test_minutes_are_not_made_for_a_meeting_still_to_come(table, memory_storage):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.minutes_make(actor=SYSTEM, meeting=table.meeting, language="fr")
    table.meeting.refresh_from_db()
    assert not table.meeting.minutes
