"""Calls for projects: the public list and page, the staff's list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.funding import workflows
from maillage.funding.models import Call, Criterion, Envelope, RequiredAttachment, Section
from maillage.funding.models._common import ZERO
from maillage.funding.selectors.funds import Balance, balance_of, balance_total, with_balances

# The states of a call anyone may read.
PUBLIC_STATES = ("published", "closed")


def public_calls() -> QuerySet[Call]:
    """The calls taking applications, the one closing first first."""
    return (
        Call.objects.filter(state__in=workflows.CALL.keys_tagged(workflows.ACCEPTING))
        .select_related("fund")
        .order_by("closes_at", "title")
    )


def staff_calls() -> QuerySet[Call]:
    """Every call with its fund and how many applications were submitted to it."""
    return (
        Call.objects.select_related("fund")
        .annotate(applications_count=Count("applications", filter=~Q(applications__state="draft")))
        .order_by("-opens_on", "title")
    )


def call_by_slug(viewer: Viewer, slug: str) -> Call | None:
    """The call `viewer` may read (staff: any; others: a published or closed one)."""
    call = Call.objects.select_related("fund", "committee").filter(slug=slug).first()
    if call is None or not has_perm(viewer, "funding.view_call", call):
        return None
    return call


@dataclass(frozen=True)
class CallDetail:
    call: Call
    envelopes: tuple[tuple[Envelope, Balance], ...]
    sections: tuple[Section, ...]
    attachments: tuple[RequiredAttachment, ...]
    criteria: tuple[Criterion, ...]
    sectors: tuple[str, ...]
    territories: tuple[str, ...]

    @property
    def available(self) -> Balance:
        return balance_total([balance for _e, balance in self.envelopes])

    @property
    def grid_total(self) -> Decimal:
        return sum((c.weight for c in self.criteria), ZERO)


def call_detail(call: Call) -> CallDetail:
    """What a call's page shows: its envelopes with what remains in them, its form, its
    grid and its eligibility (a constant number of queries)."""
    envelopes = with_balances(
        Envelope.objects.filter(calls=call).select_related("territory", "stream")
    ).order_by("fiscal_year", "stream__position", "territory__code")
    return CallDetail(
        call=call,
        envelopes=tuple((e, balance_of(e)) for e in envelopes),
        sections=tuple(call.sections.all()),
        attachments=tuple(call.required_attachments.all()),
        criteria=tuple(call.criteria.all()),
        sectors=tuple(str(s) for s in call.eligible_sectors.all()),
        territories=tuple(str(t) for t in call.eligible_territories.order_by("code")),
    )


__all__ = [
    "PUBLIC_STATES",
    "CallDetail",
    "call_by_slug",
    "call_detail",
    "public_calls",
    "staff_calls",
]
