"""Dashboards: the money of the fund added up by fund, envelope, territory, stream, strategy and
fiscal year; the accountability rows of funded projects; the public list of funded projects.

Every figure is a sum of movements made by the database (`funds.signed_sum`), grouped by
envelope in one query then added up here by each axis: the page reads a fixed number of
queries whatever the number of applications and movements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from maillage.core.actors import Viewer
from maillage.core.permissions import require
from maillage.funding import workflows
from maillage.funding.models import (
    Agreement,
    Application,
    Call,
    Envelope,
    Fund,
    Movement,
    Stream,
    fiscal_year_label,
)
from maillage.funding.models._common import ZERO, cents
from maillage.funding.models.funds import COMMITTED_SIGN, PAID_SIGN
from maillage.funding.selectors.funds import signed_sum, with_balances
from maillage.governance.models import Strategy
from maillage.network.models import Organization
from maillage.territories.models import Boundary, Territory, TerritoryType
from maillage.territories.selectors import territory_and_below

# Accepted projects and those completed: the funded ones, in every list of this module.
FUNDED_STATES = tuple(workflows.APPLICATION.keys_tagged(workflows.FUNDED))
PUBLIC_PAGE_SIZE = 50

# The dashboard, its exports and the public list of funded projects are the same for every
# reader allowed to see them: they are kept rendered until a row of `money_watched()` changes
# (`funding.apps`), by the query string that asked for them.
MONEY_CACHE = "funding.money"


def money_watched() -> tuple[type[Any], ...]:
    """What the money pages add up and name: funds, envelopes and their movements, the funded
    applications with their territories and agreements, and the names of calls, streams,
    strategies, organizations and territories (with the map's boundaries)."""
    return (
        *(Fund, Envelope, Movement, Application, Agreement, Call),
        *(Stream, Strategy, Organization, Territory, Boundary),
    )


@dataclass(frozen=True)
class DashboardFilters:
    """Each filter narrows the envelopes counted (all of them must hold)."""

    fund: Fund | None = None
    fiscal_year: int | None = None
    territory: Territory | None = None
    stream: Stream | None = None


@dataclass(frozen=True)
class Line:
    """A line of a dashboard's table. `budget` is None where an axis has no budget of its own
    (a strategy: money is budgeted by envelope, not by strategy)."""

    key: str
    label: str
    budget: Decimal | None
    committed: Decimal
    paid: Decimal
    projects: int | None = None

    @property
    def remaining(self) -> Decimal | None:
        """What may still be committed."""
        return None if self.budget is None else self.budget - self.committed

    @property
    def unpaid(self) -> Decimal:
        """Committed, not paid yet."""
        return self.committed - self.paid


@dataclass(frozen=True)
class Table:
    lines: list[Line]
    total: Line


@dataclass(frozen=True)
class Dashboard:
    total: Line
    by_fund: Table
    by_year: Table
    by_territory: Table
    by_stream: Table
    by_envelope: Table
    by_strategy: Table
    # The lines of `by_territory` by territory id, for the map.
    territories: dict[int, Line] = field(default_factory=dict)


@dataclass
class _Sum:
    label: str
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO

    def add(self, envelope: Envelope) -> None:
        self.budget += cents(getattr(envelope, "amount", None))
        self.committed += cents(getattr(envelope, "committed", None))
        self.paid += cents(getattr(envelope, "paid", None))

    def line(self, key: str) -> Line:
        return Line(key, self.label, self.budget, self.committed, self.paid)


def _grouped(
    envelopes: Iterable[Envelope], key: Callable[[Envelope], tuple[str, str]], total: Line
) -> Table:
    """The envelopes' sums by `key` (its key and label), in the envelopes' order."""
    sums: dict[str, _Sum] = {}
    for envelope in envelopes:
        k, label = key(envelope)
        sums.setdefault(k, _Sum(label)).add(envelope)
    return Table([s.line(k) for k, s in sums.items()], total)


def filtered_envelopes(filters: DashboardFilters) -> QuerySet[Envelope]:
    envelopes = Envelope.objects.all()
    if filters.fund is not None:
        envelopes = envelopes.filter(fund=filters.fund)
    if filters.fiscal_year is not None:
        envelopes = envelopes.filter(fiscal_year=filters.fiscal_year)
    if filters.territory is not None:
        envelopes = envelopes.filter(territory=filters.territory)
    if filters.stream is not None:
        envelopes = envelopes.filter(stream=filters.stream)
    return envelopes


def _by_strategy(envelopes: QuerySet[Envelope], total: Line) -> Table:
    """Committed and paid money of the projects using each strategy: a project with two
    strategies counts in both lines (the lines add up to more than the total)."""
    rows = (
        Movement.objects.filter(envelope__in=envelopes.values("pk"), application__isnull=False)
        .values("application__strategies")
        .annotate(
            committed=signed_sum(COMMITTED_SIGN),
            paid=signed_sum(PAID_SIGN),
            projects=Count("application", distinct=True),
        )
        .order_by()
    )
    found: dict[int | None, Any] = {row["application__strategies"]: row for row in rows}
    lines = []
    for strategy in Strategy.objects.order_by("position", "name_fr"):
        row = found.get(strategy.pk)
        if row is not None:
            lines.append(
                Line(
                    strategy.key,
                    strategy.name,
                    None,
                    cents(row["committed"]),
                    cents(row["paid"]),
                    row["projects"],
                )
            )
    if None in found:
        row = found[None]
        lines.append(
            Line(
                "",
                _("No strategy given"),
                None,
                cents(row["committed"]),
                cents(row["paid"]),
                row["projects"],
            )
        )
    return Table(lines, total)


def dashboard(viewer: Viewer, filters: DashboardFilters) -> Dashboard:
    """Budget, committed, paid and remaining money, to the cent, by each axis (three queries)."""
    require(viewer, "funding.manage")
    envelopes = filtered_envelopes(filters)
    rows = list(
        with_balances(envelopes.select_related("fund", "territory", "stream")).order_by(
            "fund__start_date", "fund__name", "fiscal_year", "stream__position", "territory__name"
        )
    )
    everything = _Sum(_("Total"))
    for envelope in rows:
        everything.add(envelope)
    total = everything.line("")
    by_territory = _grouped(
        sorted(rows, key=lambda e: (e.territory.type != TerritoryType.REGION, e.territory.name)),
        lambda e: (str(e.territory_id), e.territory.name),
        total,
    )
    return Dashboard(
        total=total,
        by_fund=_grouped(rows, lambda e: (e.fund.slug, e.fund.name), total),
        by_year=_grouped(
            sorted(rows, key=lambda e: e.fiscal_year),
            lambda e: (str(e.fiscal_year), fiscal_year_label(e.fiscal_year)),
            total,
        ),
        by_territory=by_territory,
        by_stream=_grouped(
            sorted(rows, key=lambda e: (e.stream.position, e.stream.key)),
            lambda e: (e.stream.key, e.stream.name),
            total,
        ),
        by_envelope=_grouped(rows, lambda e: (str(e.pk), str(e)), total),
        by_strategy=_by_strategy(envelopes, total),
        territories={int(line.key): line for line in by_territory.lines},
    )


def region_boundaries() -> list[Boundary]:
    """The outlines of the territories (MRCs, equivalent territories) of the region this
    instance serves, for the map (one query)."""
    return list(
        Boundary.objects.filter(
            territory__parent__type=TerritoryType.REGION,
            territory__parent__code=settings.MAILLAGE_REGION_CODE,
        )
        .select_related("territory")
        .order_by("territory__name")
    )


# Accountability: one line per funded project


@dataclass(frozen=True)
class AccountabilityRow:
    reference: str
    title: str
    organization: str
    territories: str
    stream: str
    fiscal_year: str
    granted: Decimal
    committed: Decimal
    paid: Decimal
    start_date: dt.date | None
    end_date: dt.date | None
    status: str  # the public name of the application's state
    agreement: str = ""  # its number, once prepared
    signed_on: dt.date | None = None

    @property
    def unpaid(self) -> Decimal:
        return self.committed - self.paid


@dataclass(frozen=True)
class Accountability:
    rows: list[AccountabilityRow]
    granted: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def unpaid(self) -> Decimal:
        return self.committed - self.paid


def _funded(filters: DashboardFilters) -> QuerySet[Application]:
    """The funded projects drawing on the envelopes the filters keep (a project whose envelope
    is not chosen yet counts under no filter but its fund's)."""
    applications = Application.objects.filter(state__in=FUNDED_STATES)
    if filters.fund is not None:
        applications = applications.filter(call__fund=filters.fund)
    if filters.fiscal_year is not None:
        applications = applications.filter(envelope__fiscal_year=filters.fiscal_year)
    if filters.territory is not None:
        applications = applications.filter(envelope__territory=filters.territory)
    if filters.stream is not None:
        applications = applications.filter(envelope__stream=filters.stream)
    return applications


def _territories() -> Any:
    return Prefetch("territories", queryset=Territory.objects.only("pk", "name").order_by("name"))


def _agreement(application: Application) -> dict[str, Any]:
    try:
        agreement = application.agreement
    except Agreement.DoesNotExist:
        return {}
    return {"agreement": agreement.number, "signed_on": agreement.signed_on}


def accountability_rows(viewer: Viewer, filters: DashboardFilters) -> Accountability:
    """The ministry's accountability: one line per accepted or completed project, with its
    organization, territories, stream, amounts granted, committed and paid, dates and public
    status; and the totals (two queries)."""
    require(viewer, "funding.manage")
    applications = (
        _funded(filters)
        .select_related("organization", "envelope__stream", "agreement")
        .defer("answers", "summary", "populations", "conditions", "decision_reasons")
        .prefetch_related(_territories())
        .annotate(
            committed=signed_sum(COMMITTED_SIGN, "movements__"),
            paid=signed_sum(PAID_SIGN, "movements__"),
        )
        .order_by("envelope__fiscal_year", "reference")
    )
    rows = []
    for application in applications:
        envelope = application.envelope
        rows.append(
            AccountabilityRow(
                reference=application.reference,
                title=application.title,
                organization=application.organization.name,
                territories=", ".join(t.name for t in application.territories.all()),
                stream=envelope.stream.name if envelope else "",
                fiscal_year=fiscal_year_label(envelope.fiscal_year) if envelope else "",
                granted=cents(application.amount_granted),
                committed=cents(getattr(application, "committed", None)),
                paid=cents(getattr(application, "paid", None)),
                start_date=application.start_date,
                end_date=application.end_date,
                status=application.public_state_label,
                **_agreement(application),
            )
        )
    return Accountability(
        rows=rows,
        granted=sum((r.granted for r in rows), ZERO),
        committed=sum((r.committed for r in rows), ZERO),
        paid=sum((r.paid for r in rows), ZERO),
    )


# The public list of funded projects


@dataclass(frozen=True)
class FundedProjectFilters:
    """`territory`: projects serving it or a territory inside it; `fiscal_year`: of the
    envelope the project draws on."""

    territory: Territory | None = None
    fiscal_year: int | None = None


def funded_projects(
    filters: FundedProjectFilters | None = None, *, page: int | str = 1
) -> Page[Application]:
    """Accepted and completed projects, public: title, organization, territories, stream,
    amount granted and fiscal year; nothing of the people, the analysis or the budget
    (three queries for a page)."""
    filters = filters or FundedProjectFilters()
    projects = Application.objects.filter(state__in=FUNDED_STATES)
    if filters.territory is not None:
        served = Application.territories.through.objects.filter(
            application_id=OuterRef("pk"), territory__in=territory_and_below(filters.territory)
        )
        projects = projects.filter(Exists(served))
    if filters.fiscal_year is not None:
        projects = projects.filter(envelope__fiscal_year=filters.fiscal_year)
    projects = (
        projects.select_related("organization", "envelope__stream")
        .only(
            "pk",
            "title",
            "amount_granted",
            "state",
            "organization",
            "organization__name",
            "envelope",
            "envelope__fiscal_year",
            "envelope__stream",
            "envelope__stream__name_fr",
            "envelope__stream__name_en",
        )
        .prefetch_related(_territories())
        .order_by("-envelope__fiscal_year", "title", "pk")
    )
    return Paginator(projects, PUBLIC_PAGE_SIZE).get_page(page)


def funded_years() -> list[int]:
    """The fiscal years of the funded projects, newest first (for the public filter)."""
    years = (
        Application.objects.filter(state__in=FUNDED_STATES, envelope__isnull=False)
        .order_by("-envelope__fiscal_year")
        .values_list("envelope__fiscal_year", flat=True)
        .distinct()
    )
    return list(years)
