"""The network's sections on other apps' pages, and the registry of its person page's panels.

- Its panel on a territory's page (registered in NetworkConfig.ready).
- Its section of My space (`core.my_space`): the seats of the person logged in.
- Its column and section of the staff's account pages (`core.accounts`): the open seats of each
  account's person, and the person's record.
- `PERSON_PANELS`: what apps above the network add to a person's page (governance: their roles
  and memberships). A panel receives the person and the request (`core.panels`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from maillage.core import cache
from maillage.core.accounts import AccountColumn
from maillage.core.lookups import once_per_request
from maillage.core.models import User
from maillage.core.panels import Panel, Panels
from maillage.network import exports, selectors
from maillage.network.models import Person, Seat
from maillage.territories.models import Territory

PERSON_PANELS: Panels[Person] = Panels("person")

# My space's place for the seats (see the orders in `core.my_space`).
MY_SEATS_ORDER = 100

# Bumped by every change of an organization, its sectors or its territories (NetworkConfig.ready).
PANEL_CACHE = "network.territory-panel"


def organizations_panel(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """Organizations serving this territory or one below it, the same for every visitor: kept
    until the next change of an organization (else two queries, whatever the data)."""

    def context() -> dict[str, Any]:
        count, organizations = selectors.territory_panel(territory=territory)
        query = urlencode({"territory": territory.slug})
        return {
            "count": count,
            "organizations": organizations,
            "directory_url": f"{reverse('network:organization_list')}?{query}",
        }

    return {"template": "network/_territory_panel.html", "context": context, "cache": PANEL_CACHE}


def _my_record(request: HttpRequest) -> tuple[Person | None, selectors.PersonSeats]:
    """The Person of the account logged in and their seats: read once per request, and kept
    until the directory changes (a person, a seat, an organization…), per account and day
    (seats open and end with dates)."""

    def read() -> tuple[Person | None, selectors.PersonSeats]:
        person = selectors.person_of_account(viewer=request.user)
        return person, selectors.person_seats(viewer=request.user, person=person)

    return once_per_request(
        request,
        ("network.my_record",),
        lambda: cache.fragment(
            exports.NAMESPACE,
            visibility=f"account:{request.user.pk}",
            filters=[timezone.localdate()],
            render=read,
        ),
    )


def my_person(request: HttpRequest) -> Person | None:
    """The Person of the account logged in: My space's sections of the apps above share it."""
    return _my_record(request)[0]


def my_seats(request: HttpRequest) -> selectors.PersonSeats:
    """The seats of the person logged in (governance's sections ask whether they hold one)."""
    return _my_record(request)[1]


def my_seats_section(account: User, request: HttpRequest) -> Panel:
    return {
        "template": "network/_my_seats.html",
        "context": {"person": my_person(request), "seats": my_seats(request)},
    }


def open_seats_column() -> AccountColumn:
    """The seats each account's person holds now, counted by the database."""
    return AccountColumn(
        key="seats",
        label=_("Seats"),
        annotation=selectors.open_seat_counts,
        watched=(Seat, Person),
    )


def account_record_panel(account: User, request: HttpRequest) -> Panel | None:
    """The account's person in the network and the seats they hold: two queries."""
    found = selectors.account_record(account, viewer=request.user)
    if found is None:
        return None
    return {"template": "network/_account_record.html", "context": {"record": found}}
