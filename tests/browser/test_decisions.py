"""A live consent round in a meeting: the facilitator opens the meeting's page, follows its agenda
to the proposal, drives the process to its consent round, answers and records the answer a
member gave offline, then closes the round; a member, in a browser of their own, comes from the
same meeting's page, sees the answers arrive and the decision taken without reloading the page,
and the meeting's page then lists the decision taken. axe-core finds no WCAG 2.2 AA violation on
any page visited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Decision, ProcessMode
from maillage.decisions.tests.factories import CircleFactory, general_circle, member_of
from maillage.meetings import services as meetings
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def meeting_round(transactional_db, settings):
    """The circle "Habitation": Fanny facilitates, Chloé follows, Bruno is not online; a
    live-mode proposal in draft."""
    settings.MAILLAGE_LIVE_POLL_SECONDS = 1
    circle = CircleFactory(name="Habitation", slug="habitation", parent=general_circle())
    fanny = member_of(circle, first_name="Fanny", last_name="Bouchard")
    chloe = member_of(circle, first_name="Chloé", last_name="Roy")
    bruno = member_of(circle, first_name="Bruno", last_name="Gagnon")
    process = services.process_start(
        actor=fanny,
        data=services.ProcessData(
            circle=circle,
            title="Adopter la charte du logement",
            proposal="Le cercle adopte la charte du logement abordable.",
            mode=ProcessMode.LIVE,
            facilitator=fanny,
        ),
    )
    # The circle meets now; the proposal, once presented, is on the agenda.
    services.process_transition(actor=fanny, process=process, transition="present")
    now = timezone.now()
    meeting = meetings.meeting_plan(
        actor=SYSTEM,
        group=circle,
        data=meetings.MeetingData(
            title="Rencontre du cercle Habitation",
            starts_at=now - dt.timedelta(minutes=30),
            ends_at=now + dt.timedelta(minutes=90),
            place="Salle du conseil, Baie-Saint-Paul",
            facilitator=fanny.person,
        ),
    )
    meetings.agenda_item_add(
        actor=SYSTEM,
        meeting=meeting,
        data=meetings.AgendaItemData(title="Charte du logement", duration=30, process=process),
    )
    return process, meeting, fanny, chloe, bruno


def test_a_live_consent_round_seen_arriving_by_another_member(
    page: Page, browser, live_server, axe, meeting_round
):
    process, meeting, fanny, chloe, _bruno = meeting_round
    with translation.override("fr-ca"):
        meeting_url = reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
    # Both log in before any page asks the server every second (SQLite's tables are shared
    # with the live server's thread).
    log_in_with_the_session_of(page, fanny, live_server)
    context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    watcher = context.new_page()
    watcher_errors: list[str] = []
    watcher.on("console", lambda m: watcher_errors.append(m.text) if m.type == "error" else None)
    watcher.on("pageerror", lambda e: watcher_errors.append(str(e)))
    log_in_with_the_session_of(watcher, chloe, live_server)
    # The facilitator opens the meeting and follows its agenda to the proposal.
    page.goto(meeting_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Rencontre du cercle Habitation")
    axe.check(page)
    page.get_by_role("link", name="Adopter la charte du logement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adopter la charte du logement")
    url = page.url
    axe.check(page)
    for step in (
        "Ouvrir les questions de clarification",
        "Ouvrir les réactions rapides",
        "Ouvrir la ronde de consentement",
    ):
        page.get_by_role("button", name=step).click()
        expect(page.get_by_role("button", name=step)).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Ronde en cours : Ronde de consentement")
    ).to_be_visible()
    axe.check(page)

    # Chloé follows the meeting from her own browser, from its page too.
    watcher.goto(meeting_url)
    watcher.get_by_role("link", name="Adopter la charte du logement").click()
    expect(watcher).to_have_url(url)
    live = watcher.locator("#decisions-live")
    expect(live.get_by_role("status")).to_contain_text("0 consentement(s)")
    axe.check(watcher)
    loaded = watcher.evaluate("performance.timeOrigin")

    # The facilitator's own answer, then Bruno's, given aloud and recorded.
    answer = page.get_by_role("group", name="Votre réponse")
    answer.get_by_role("radio", name="Consentement").check()
    page.get_by_role("button", name="Donner ma réponse").click()
    expect(page.get_by_role("button", name="Changer ma réponse")).to_be_visible()
    axe.check(page)
    expect(live.get_by_role("row", name=re.compile("Fanny Bouchard"))).to_contain_text(
        "Consentement"
    )
    page.get_by_label("Qui a répondu").select_option(label="Bruno Gagnon")
    page.get_by_role("group", name="Sa réponse").get_by_role("radio", name="Consentement").check()
    page.get_by_role("button", name="Consigner la réponse").click()
    expect(page.locator("#decisions-live")).to_contain_text("donnée hors ligne")
    axe.check(page)
    bruno_row = live.get_by_role("row", name=re.compile("Bruno Gagnon"))
    expect(bruno_row).to_contain_text("Consentement")
    expect(bruno_row).to_contain_text("donnée hors ligne")
    expect(live.get_by_role("status")).to_contain_text("2 consentement(s), 0 objection(s)")
    axe.check(watcher)

    # The facilitator closes the round: the decision is taken, and Chloé sees it.
    page.get_by_role("button", name="Fermer la ronde de consentement").click()
    expect(
        page.get_by_text("Adoptée par consentement : la décision est au registre.")
    ).to_be_visible()
    axe.check(page)
    expect(live.get_by_role("heading", name="Aucune ronde en cours")).to_be_visible()
    expect(live.get_by_role("status")).to_contain_text("la décision est au registre")
    axe.check(watcher)
    # All of it without reloading Chloé's page.
    assert watcher.evaluate("performance.timeOrigin") == loaded
    decision = Decision.objects.get(process=process)
    positions = {row["voice"]: row["position"] for row in decision.participation}
    assert positions == {"Bruno Gagnon": "consent", "Chloé Roy": None, "Fanny Bouchard": "consent"}
    # The meeting's page lists the decision taken in it.
    page.goto(meeting_url)
    taken = page.get_by_role("region", name="Décisions prises")
    expect(taken.get_by_role("link", name="Adopter la charte du logement")).to_be_visible()
    axe.check(page)
    assert page.console_errors == [] and watcher_errors == []  # type: ignore[attr-defined]
    context.close()
