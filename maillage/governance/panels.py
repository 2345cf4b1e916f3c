"""Governance's sections on other apps' pages (registered in GovernanceConfig.ready):

- a territory's page: the circles and workstreams working there;
- a person's page in the directory (`network.panels.PERSON_PANELS`): their roles and memberships;
- the page of a circle or of a workstream: what the apps above add (`GROUP_PANELS`);
- My space (`core.my_space`): the roles of the person logged in and their term ends, their
  circles and workstreams, the invitations awaiting them, their next dates.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from maillage.core import cache, my_space
from maillage.core.lookups import once_per_request
from maillage.core.models import User
from maillage.core.panels import Panel, Panels
from maillage.governance import ical, selectors
from maillage.governance.models import Circle, Workstream
from maillage.governance.selectors.territories import working_in
from maillage.governance.structure import NAMESPACE
from maillage.network.models import Person
from maillage.network.panels import my_person, my_seats
from maillage.territories.models import Territory

# Sections that the apps above add to the page of a circle and to that of a workstream (their
# meetings…), shown to those who may see the group's inside; `group` names the page's subject.
GROUP_PANELS: Panels[Circle | Workstream] = Panels("group")

# My space's places for governance's sections (see the orders in `core.my_space`).
MY_ROLES_ORDER = 200
MY_GROUPS_ORDER = 300
MY_GROUPS_FIRST = 0
MY_DATES_ORDER = 500
# How many of the next dates My space lists before linking to the calendar.
MY_DATES_SHOWN = 5


def structure_panel(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """The circles and workstreams working in this territory or within it, the same for every
    visitor: kept with the map of the structure, which every change to them bumps."""
    return {
        "template": "governance/_territory_panel.html",
        "context": lambda: {"here": working_in(territory=territory)},
        "cache": NAMESPACE,
    }


def person_panel(person: Person, request: HttpRequest) -> Panel:
    """A person's current roles and memberships, those the viewer may see (two queries)."""
    return {
        "template": "governance/_person_panel.html",
        "context": {"groups": selectors.person_groups(viewer=request.user, person=person)},
    }


def _mine(request: HttpRequest) -> selectors.PersonGroups:
    """The roles and groups of the person logged in: read once per request, and kept until the
    structure changes, per account and day (terms and memberships end with dates)."""
    return once_per_request(
        request,
        ("governance.mine",),
        lambda: cache.fragment(
            NAMESPACE,
            visibility=f"account:{request.user.pk}",
            filters=[timezone.localdate()],
            render=lambda: selectors.person_groups(viewer=request.user, person=my_person(request)),
        ),
    )


def my_roles_section(account: User, request: HttpRequest) -> Panel:
    today = timezone.localdate()
    return {
        "template": "governance/_my_roles.html",
        "context": {
            "assignments": _mine(request).assignments,
            "today": today,
            # Terms that end this soon are flagged, as the calendar's reminders start then.
            "soon": today + timedelta(days=settings.MAILLAGE_REMINDER_DAYS),
        },
    }


def my_groups_section(account: User, request: HttpRequest) -> Panel:
    mine = _mine(request)
    # A guest or an external actor came for their workstream: it goes first.
    guest = bool(mine.workstreams) and not my_seats(request).any
    return {
        "template": "governance/_my_groups.html",
        "context": {"circles": mine.circles, "workstreams": mine.workstreams, "guest": guest},
        "order": MY_GROUPS_FIRST if guest else MY_GROUPS_ORDER,
    }


def my_dates_section(account: User, request: HttpRequest) -> Panel:
    mine = _mine(request)
    # Kept until the structure or the calendar changes; what the account may see of the
    # calendar follows its role on the platform.
    events = cache.fragment(
        (NAMESPACE, ical.NAMESPACE),
        visibility=f"account:{account.pk}:{account.role}",
        filters=[timezone.localdate()],
        render=lambda: selectors.upcoming_events(
            viewer=account,
            circle_ids=mine.circle_ids,
            workstream_ids=mine.workstream_ids,
            limit=MY_DATES_SHOWN,
        ),
    )
    return {
        "template": "governance/_my_dates.html",
        "context": {"events": events, "in_groups": bool(mine.circles or mine.workstreams)},
    }


# My space's invitations to workstreams, kept per account until an invitation, an address or
# an account changes (`apps.GovernanceConfig.ready`), or the structure (memberships, a
# workstream's state).
AWAITING_CACHE = "governance.awaiting"


def my_invitations(account: User, request: HttpRequest) -> Panel | None:
    """ "What awaits me": the invitations to workstreams sent to one of the person's confirmed
    addresses."""
    now = timezone.now()
    invitations = my_space.kept_still(
        account,
        (AWAITING_CACHE, NAMESPACE),
        "invitations",
        lambda: selectors.invitations_awaiting(viewer=account),
        still=lambda invitation: invitation.expires_at > now,
    )
    if not invitations:
        return None
    return {"template": "governance/_my_invitations.html", "context": {"invitations": invitations}}
