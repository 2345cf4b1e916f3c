"""My space (*Mon espace*): the page a person lands on after logging in.

It gathers what concerns the person logged in, from every app, without core naming any of them:
the page is made of sections (`core.panels`) that the apps register in their `AppConfig.ready()`
with `SECTIONS.register(section, order=…)`. A section receives the account and the request, reads
through its app's selectors (the account's own data, filtered by permission like any other
read) in a fixed number of queries, and returns its template and context, or None. A section
never comes back empty-handed when it applies to the person: it says what is missing and how to
get it (how seats are given, whom to contact).

Core's own sections:
- "What awaits me" gathers `AWAITING` items: an app that needs something of the person (an
  invitation to accept, an answer to give) registers a panel there, which renders its items or
  returns None. With something waiting, the section moves near the top. Core's own item: the
  invitations to the platform sent to one of the person's confirmed addresses. Each item reads
  its data through `kept()`, per account and day, under a namespace that every change to what
  it shows bumps, and leaves out, after reading, what expired since (a deadline, a start): a
  visit then reads no query of its own.
- "My notifications": the latest unread ones, and the way to all of them.

Orders so far (a section may return another `order` for one person): what awaits, when
something does, 50; seats 100; roles 200; circles and workstreams 300 (0 for someone who holds
no seat but takes part in a workstream: a guest sees their workstream first); what awaits,
when nothing does, 400; next dates 500; notifications 600.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from maillage.core import cache, selectors
from maillage.core.context_processors import unread_for
from maillage.core.models import User
from maillage.core.panels import Panel, Panels

SECTIONS: Panels[User] = Panels("account")
AWAITING: Panels[User] = Panels("account")
# Core's own "awaiting" item, kept per account until an invitation to the platform, an address
# or an account changes (`register_core_sections`).
AWAITING_CACHE = "core.awaiting"

AWAITING_PENDING_ORDER = 50
AWAITING_ORDER = 400
NOTIFICATIONS_ORDER = 600
# How many unread notifications the page lists before linking to all of them.
NOTIFICATIONS_SHOWN = 5


def kept[T](account: User, namespace: str | tuple[str, ...], name: str, read: Callable[[], T]) -> T:
    """What a section shows of `account` (`read()`), kept per account, role and day until a
    change bumps `namespace`: My space is visited often, and what awaits someone seldom moves."""
    return cache.fragment(
        namespace,
        visibility=f"account:{account.pk}:{account.role}",
        filters=[name, timezone.localdate()],
        render=read,
    )


def kept_still[T](
    account: User,
    namespace: str | tuple[str, ...],
    name: str,
    read: Callable[[], Iterable[T]],
    *,
    still: Callable[[T], bool],
) -> list[T]:
    """A list `kept` as above, without the items that are `still` no more: an invitation that
    expired, a meeting that started since the list was kept (time bumps no namespace)."""
    return [item for item in kept(account, namespace, name, lambda: list(read())) if still(item)]


def awaiting_section(account: User, request: HttpRequest) -> Panel:
    items = AWAITING.render(account, request)
    return {
        "template": "core/_my_awaiting.html",
        "context": {"items": items},
        "order": AWAITING_PENDING_ORDER if items else AWAITING_ORDER,
    }


def notifications_section(account: User, request: HttpRequest) -> Panel:
    unread: dict[str, Any] = {
        "notifications": selectors.latest_unread(account, limit=NOTIFICATIONS_SHOWN),
        "unread_count": unread_for(request),  # the header's count, not asked again
    }
    return {"template": "core/_my_notifications.html", "context": unread}


def platform_invitations_item(account: User, request: HttpRequest) -> Panel | None:
    now = timezone.now()
    invitations = kept_still(
        account,
        AWAITING_CACHE,
        "platform_invitations",
        lambda: selectors.platform_invitations_awaiting(viewer=account),
        still=lambda item: item.invitation.expires_at > now,
    )
    if not invitations:
        return None
    return {
        "template": "core/_my_platform_invitations.html",
        "context": {"invitations": invitations},
    }


def register_core_sections() -> None:
    from allauth.account.models import EmailAddress

    from maillage.core.models import PlatformInvitation

    SECTIONS.register(awaiting_section, order=AWAITING_ORDER)
    AWAITING.register(platform_invitations_item)
    cache.bump_on_change(AWAITING_CACHE, PlatformInvitation, EmailAddress, User)
    SECTIONS.register(notifications_section, order=NOTIFICATIONS_ORDER)
