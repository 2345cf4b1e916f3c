"""Reads of the requests: a person's own, the handlers' queue, one request, those due soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.privacy.models import Request
from maillage.privacy.workflows import OPEN, REQUEST

PER_PAGE = 25
# The handlers are reminded of the requests due within this many days, and of the late ones.
REMIND_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class Deadline:
    """Where a request stands against its thirty days: days left (negative once late)."""

    days_left: int
    late: bool
    open: bool

    @property
    def days_late(self) -> int:
        return max(-self.days_left, 0)


def deadline(request: Request, *, now: datetime | None = None) -> Deadline:
    now = now or timezone.now()
    is_open = request.status in REQUEST.keys_tagged(OPEN)
    days = (timezone.localdate(request.due_at) - timezone.localdate(now)).days
    return Deadline(days_left=days, late=is_open and request.due_at < now, open=is_open)


def my_requests(account: User) -> list[Request]:
    """The account's own requests, newest first (a person has a handful)."""
    return list(Request.objects.filter(account=account).order_by("-received_at", "-pk"))


def request_queue(*, viewer: Viewer, status: str = "", page: int | str = 1) -> Page[Request]:
    """The handlers' queue: the open requests first, by due date; 25 to a page. Nothing for
    anyone else."""
    queryset: QuerySet[Request] = Request.objects.select_related("account", "handled_by")
    if not has_perm(viewer, "privacy.handle_requests"):
        queryset = queryset.none()
    if status in REQUEST.keys:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status__in=REQUEST.keys_tagged(OPEN))
    page_obj = Paginator(queryset.order_by("due_at", "pk"), PER_PAGE).get_page(page)
    now = timezone.now()
    for item in page_obj.object_list:
        item.deadline = deadline(item, now=now)  # type: ignore[attr-defined]
    return page_obj


def request_detail(*, viewer: Viewer, pk: int) -> Request | None:
    """One request, for its requester or a handler; None for anyone else."""
    item = Request.objects.select_related("account", "handled_by").filter(pk=pk).first()
    if item is None or not has_perm(viewer, "privacy.view_request", item):
        return None
    item.deadline = deadline(item)  # type: ignore[attr-defined]
    return item


def requests_due(*, now: datetime | None = None) -> list[Request]:
    """The open requests due within `REMIND_WITHIN` or late, not yet reminded today."""
    now = now or timezone.now()
    return list(
        Request.objects.filter(
            status__in=REQUEST.keys_tagged(OPEN), due_at__lte=now + REMIND_WITHIN
        )
        .exclude(reminded_on=timezone.localdate(now))
        .select_related("account")
        .order_by("due_at", "pk")
    )


def handlers() -> list[User]:
    """Who handles the requests: the person in charge, administrators and staff, active."""
    from maillage.core.roles import Role
    from maillage.privacy.models import Officer

    officer = Officer.objects.order_by("-created_at", "-pk").only("account_id").first()
    accounts = User.objects.filter(is_active=True, role__in=[Role.STAFF, Role.ADMIN])
    if officer is not None and officer.account_id:
        accounts = accounts | User.objects.filter(pk=officer.account_id, is_active=True)
    return list(accounts.distinct().order_by("pk"))
