"""The private iCal feed: a signed link per account, what that account may see, nothing else."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from maillage.core.models import AuditEvent
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.checks import assert_private_no_store
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors, services
from maillage.governance.feeds import feed_token
from maillage.governance.models import RoleKind
from maillage.governance.tests.factories import (
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
    days,
    guest_of,
)

pytestmark = pytest.mark.django_db


def feed_path(user):
    return reverse(
        "governance:calendar_ical", kwargs={"token": selectors.calendar_feed_token(user)}
    )


@pytest.fixture
def agenda(agenda):
    """The agenda, and a workstream next door whose lead's term ends in 50 days."""
    agenda.other = WorkstreamFactory(name="Chantier voisin", sunset_date=days(40))
    lead = RoleFactory(circle=None, workstream=agenda.other, kind=RoleKind.LEAD)
    RoleAssignmentFactory(role=lead, term_end=days(50))
    return agenda


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_a_partner_members_feed_validates_and_lists_every_event(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    # A calendar application has no session: the token is the only key.
    calendar, events = parse(Client().get(feed_path(member)))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]).startswith("-//Maillage//")
    summaries = [str(event["summary"]) for event in events]
    assert len(events) == 5
    assert any("Principes de représentation" in s for s in summaries)
    assert any("Solène Clairmont" in s for s in summaries)
    assert any("Chantier voisin" in s for s in summaries)
    for event in events:
        assert event["uid"] and event["dtstamp"]
        assert isinstance(event["dtstart"].dt, dt.date)
        assert str(event["url"]).startswith("http://testserver/")
    assert [event["dtstart"].dt for event in events] == sorted(
        event["dtstart"].dt for event in events
    )


def test_a_guests_feed_lists_only_their_workstream(agenda):
    guest = guest_of(agenda.workstream)
    _calendar, events = parse(Client().get(feed_path(guest)))
    assert [str(event["summary"]) for event in events] == [
        "Échéance du chantier : Transport collectif rural"
    ]
    citizen = user_with_role(PlatformRole.CITIZEN)
    _calendar, events = parse(Client().get(feed_path(citizen)))
    assert events == []


def test_a_bad_or_forged_token_is_refused(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    good = selectors.calendar_feed_token(member)
    other = user_with_role(PlatformRole.MEMBER)
    head, signature = good.split(".", 1)
    for token in (
        "pas-un-jeton",
        f"{head}.",
        f"{head}.{signature[:-2]}xx",
        f"{other.pk}.{signature}",  # someone else's account with this signature
        feed_token(member.pk, 1),  # a generation that is not the current one
        "9" * 30 + ".abc",
    ):
        response = Client().get(reverse("governance:calendar_ical", kwargs={"token": token}))
        assert response.status_code == 404, token
    path = reverse("governance:calendar_ical", kwargs={"token": good})
    assert Client().get(path).status_code == 200


def test_resetting_the_link_invalidates_the_previous_one(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    before = feed_path(member)
    new_token = services.calendar_feed_reset(actor=member)
    after = feed_path(member)
    assert before != after and after.split("/")[-2] == new_token
    assert Client().get(before).status_code == 404
    assert Client().get(after).status_code == 200
    services.calendar_feed_reset(actor=member)
    assert Client().get(after).status_code == 404


def subscription_path(page):
    """The path of the subscription link the calendar page shows."""
    found = re.search(r'value="http://testserver(/gouvernance/calendrier/[^"]+)"', page.text)
    assert found is not None
    return found[1]


def test_the_owner_renews_the_link_from_their_pages_after_a_confirmation(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    owner = Client()
    owner.force_login(member)
    calendar = reverse("governance:calendar")
    renew = reverse("governance:calendar_feed_reset")
    # The account menu leads to the calendar page, which holds the link and the way to renew it.
    assert f'<a href="{calendar}">' in owner.get(reverse("governance:map")).text
    page = owner.get(calendar)
    old = subscription_path(page)
    assert f'href="{renew}"' in page.text
    confirmation = owner.get(renew)
    assert confirmation.status_code == 200
    assert (
        "cesse de fonctionner immédiatement" in confirmation.text
        and 'class="button-danger"' in confirmation.text
    )
    assert Client().get(old).status_code == 200  # asking is not renewing
    done = owner.post(renew, follow=True)
    assert done.redirect_chain == [(calendar, 302)]
    assert "nouveau lien" in done.text
    assert Client().get(old).status_code == 404  # at once
    new = subscription_path(done)
    assert new != old and Client().get(new).status_code == 200
    event = AuditEvent.objects.get(verb="governance.calendar_feed_reset")
    assert event.actor == member and event.target == member
    assert Client().get(renew).status_code == 302  # log in first


def test_an_inactive_account_has_no_feed(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    path = feed_path(member)
    member.is_active = False
    member.save()
    assert Client().get(path).status_code == 404


def test_the_feed_follows_the_accounts_current_rights(agenda):
    user = user_with_role(PlatformRole.MEMBER)
    path = feed_path(user)
    assert len(parse(Client().get(path))[1]) == 5
    user.role = PlatformRole.CITIZEN
    user.save()
    assert parse(Client().get(path))[1] == []


def test_the_feed_names_people_so_no_cache_keeps_it(agenda):
    response = Client().get(feed_path(user_with_role(PlatformRole.MEMBER)))
    parse(response)
    assert_private_no_store(response)


def test_a_kept_feed_shows_a_change_at_once(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    path = feed_path(member)
    first = Client().get(path).content
    assert Client().get(path).content == first  # kept
    agenda.policy.title = "Principes renommés"
    agenda.policy.save()
    assert b"Principes renomm" in Client().get(path).content
    person = agenda.term.person
    person.last_name = "Nouveaunom"
    person.save()
    assert b"Nouveaunom" in Client().get(path).content
    agenda.workstream.sunset_date = days(400)  # out of the feed's window
    agenda.workstream.save()
    assert b"Transport collectif rural" not in Client().get(path).content
    # A guest shares no member's kept feed: only their workstream's events.
    _calendar, events = parse(Client().get(feed_path(guest_of(agenda.other))))
    summaries = [str(event["summary"]) for event in events]
    assert len(summaries) == 2 and "Échéance du chantier : Chantier voisin" in summaries
    assert not any("Principes" in summary for summary in summaries)
