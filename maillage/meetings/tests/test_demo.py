import io

import pypdf
from django.utils import translation

from maillage.core.permissions import SYSTEM
from maillage.governance import demo as governance_demo
from maillage.meetings import demo
from maillage.meetings.models import ActionItem, Meeting
from maillage.network import demo as network_demo
from maillage.territories.services import region_load


def test_the_demo_holds_a_past_meeting_with_minutes_and_a_coming_one(db, memory_storage):
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    with translation.override("en"):
        demo.load(stdout=io.StringIO())
    counts = (Meeting.objects.count(), ActionItem.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Meeting.objects.count(), ActionItem.objects.count()) == counts == (2, 2)
    past = Meeting.objects.get(title=demo.PAST_TITLE)
    assert past.state == "held" and past.attendances.count() >= 3
    with past.minutes.open("rb") as stored:
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(stored).pages)
    assert "Rédiger la recommandation au cercle général" in text and "Procès-verbal" in text
    coming = Meeting.objects.get(title=demo.NEXT_TITLE)
    assert coming.state == "planned" and coming.agenda_items.count() == 3
    assert past.circle.quorum_required_sectors.filter(key="communautaire").exists()
    # The demo's partner member, its secretary, finds their action item in My space.
    assert past.secretary.user.email == "membre@demo.maillage.local"
    assert past.action_items.filter(person=past.secretary, done=False).exists()
