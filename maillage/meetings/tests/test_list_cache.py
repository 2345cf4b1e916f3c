"""The meetings' list keeps its rows rendered (`selectors.LIST_CACHE`), per set of groups its
readers see: each change shows at once, two readers who see different groups never share a
copy, and a meeting that ends moves to the recent ones without waiting for a change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core import cache as kept
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance import services as governance_services
from maillage.governance.models import Membership
from maillage.governance.tests.factories import WorkstreamFactory, guest_of
from maillage.meetings import selectors, services
from maillage.meetings.models import Meeting
from maillage.meetings.tests.factories import MeetingFactory, moment

pytestmark = pytest.mark.django_db

LIST = reverse("meetings:meeting_list")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed(client: Client, path: str = LIST) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def coming_and_recent(text: str) -> tuple[str, str]:
    """The list's two sections: the coming meetings, and the recent ones."""
    coming, _sep, recent = text.partition('id="recent-meetings"')
    return coming, recent


def plan(group, title: str, days: int = 3) -> Meeting:
    return services.meeting_plan(
        actor=SYSTEM,
        group=group,
        data=services.MeetingData(
            title=title, starts_at=moment(days), ends_at=moment(days, 15), place="Ici"
        ),
    )


def test_a_new_meeting_a_new_title_and_a_cancellation_show_at_once(table):
    reader = login(table.municipal)
    assert "Rencontre de la table" in listed(reader)
    # Planned.
    plan(table.circle, "Rencontre d’automne")
    assert "Rencontre d’automne" in listed(reader)
    # Renamed.
    meeting = table.meeting
    services.meeting_amend(
        actor=SYSTEM,
        meeting=meeting,
        data=services.MeetingData(
            title="Rencontre de la table élargie",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place,
        ),
    )
    assert "Rencontre de la table élargie" in listed(reader)
    # Cancelled: still listed, with its status.
    services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="cancel")
    text = listed(reader)
    row = text[text.index("Rencontre de la table élargie") :].split("</li>")[0]
    assert "Annulée" in row
    # The group renamed.
    table.circle.name = "Cercle de la table régionale"
    table.circle.save()
    assert "Cercle de la table régionale" in listed(reader)


def test_the_rows_are_kept_until_a_change_bumps_them(table):
    """Served kept: a write that sends no signal is not seen until the list is bumped. Without
    the bump of a meeting's save, the page would show the old title."""
    reader = login(table.municipal)
    assert "Rencontre de la table" in listed(reader)
    Meeting.objects.filter(pk=table.meeting.pk).update(title="Titre changé en silence")
    assert "Titre changé en silence" not in listed(reader)
    table.meeting.refresh_from_db()
    table.meeting.save()  # a save bumps the list
    assert "Titre changé en silence" in listed(reader)


def test_without_its_bump_a_meetings_change_would_not_show(table):
    """The bump is what shows a change: switched off, the kept copy stays."""
    reader = login(table.municipal)
    listed(reader)
    uid = f"maillage.cache:{selectors.LIST_CACHE}:{Meeting._meta.label}"
    assert post_save.disconnect(sender=Meeting, dispatch_uid=uid)
    try:
        services.meeting_transition(actor=SYSTEM, meeting=table.meeting, transition="cancel")
        assert "Annulée" not in listed(reader)
    finally:
        kept.bump_on_change(selectors.LIST_CACHE, Meeting)
    kept.bump(selectors.LIST_CACHE)
    assert "Annulée" in listed(reader)


def test_a_guest_who_joins_or_leaves_a_workstream_sees_its_meetings_at_once(table):
    workstream = WorkstreamFactory(name="Chantier des cuisines")
    MeetingFactory(circle=None, workstream=workstream, title="Rencontre du chantier")
    guest = guest_of(WorkstreamFactory(name="Chantier voisin"))
    client = login(guest)
    assert "Rencontre du chantier" not in listed(client)
    governance_services.membership_join(
        actor=SYSTEM, person=guest.person, workstream=workstream, kind="guest"
    )
    assert "Rencontre du chantier" in listed(client)
    governance_services.membership_remove(
        actor=SYSTEM, membership=guest.person.memberships.get(workstream=workstream)
    )
    assert "Rencontre du chantier" not in listed(client)


def test_readers_who_see_different_groups_never_share_a_copy(table):
    kitchens = WorkstreamFactory(name="Chantier des cuisines")
    gardens = WorkstreamFactory(name="Chantier des jardins")
    MeetingFactory(circle=None, workstream=kitchens, title="Rencontre des cuisines")
    MeetingFactory(circle=None, workstream=gardens, title="Rencontre des jardins")
    member, staff = login(table.municipal), login(user_with_role(Role.STAFF))
    cook, gardener = login(guest_of(kitchens)), login(guest_of(gardens))
    both = guest_of(kitchens)
    Membership.objects.create(person=both.person, workstream=gardens, kind="guest")
    neither = login(user_with_role(Role.CITIZEN))
    for _time in range(2):  # as built, then kept
        for client in (member, staff):
            text = listed(client)
            assert all(
                title in text
                for title in (
                    "Rencontre de la table",
                    "Rencontre des cuisines",
                    "Rencontre des jardins",
                )
            )
        text = listed(cook)
        assert "Rencontre des cuisines" in text
        assert "Rencontre des jardins" not in text and "Rencontre de la table" not in text
        text = listed(gardener)
        assert "Rencontre des jardins" in text
        assert "Rencontre des cuisines" not in text and "Rencontre de la table" not in text
        text = listed(login(both))
        assert "Rencontre des jardins" in text and "Rencontre des cuisines" in text
        assert "Rencontre de la table" not in text
        text = listed(neither)
        assert "Aucune rencontre n’est prévue." in text and "Rencontre des" not in text


def test_a_meeting_that_ends_moves_to_the_recent_ones_without_a_change(table, monkeypatch):
    reader = login(table.municipal)
    coming, recent = coming_and_recent(listed(reader))
    assert "Rencontre de la table" in coming and "Rencontre de la table" not in recent
    # A week later, nothing written meanwhile: the meeting ended.
    later = timezone.now() + dt.timedelta(days=8)
    monkeypatch.setattr(timezone, "now", lambda: later)
    coming, recent = coming_and_recent(listed(reader))
    assert "Rencontre de la table" in recent and "Rencontre de la table" not in coming
    assert "Aucune rencontre n’est prévue." in coming


def test_each_page_of_the_coming_meetings_is_kept_apart(table):
    for n in range(25):
        plan(table.circle, f"Rencontre numéro {n:02}", days=10 + n)
    reader = login(table.municipal)
    for _time in range(2):
        first, second = listed(reader), listed(reader, f"{LIST}?page=2")
        assert "Rencontre numéro 00" in first and "Rencontre numéro 00" not in second
        assert "Rencontre numéro 24" in second and "Rencontre numéro 24" not in first
        assert "Page 2 sur 2" in second
        # A page out of range or not a number shows the last or the first page.
        assert "Rencontre numéro 24" in listed(reader, f"{LIST}?page=9")
        assert "Rencontre numéro 00" in listed(reader, f"{LIST}?page=deux")


@pytest.mark.parametrize("who", ["member", "guest"])
def test_the_list_keeps_its_query_count_from_few_to_many_meetings(table, who, query_budget):
    meter = query_budget(12)
    workstream = WorkstreamFactory()
    client = login(table.municipal if who == "member" else guest_of(workstream))
    pages = [LIST, f"{LIST}?page=2"]

    def grow_group(count: int) -> None:
        for n in range(count):
            where = {"circle": None, "workstream": workstream} if who == "guest" else {}
            MeetingFactory(title=f"À venir {n}", starts_at=moment(10 + n), **where)
            MeetingFactory(title=f"Passée {n}", starts_at=moment(-10 - n), **where)

    grow_group(2)
    built = [meter.get(client, path) for path in pages]
    served = [meter.get(client, path, kept=True) for path in pages]
    grow_group(30)
    assert [meter.get(client, path) for path in pages] == built
    assert [meter.get(client, path, kept=True) for path in pages] == served
    # Kept, a page reads neither its rows nor the recent meetings.
    # (at least: other kept fragments of every page, such as who is in charge of privacy, too)
    assert all(k <= b - 2 for k, b in zip(served, built, strict=True))
