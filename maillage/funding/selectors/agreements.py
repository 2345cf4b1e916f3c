"""Agreements, their payments and reports, as each reader may see them, in a fixed number of
queries whatever their count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.funding.models import Agreement, Application, Payment, Report, Signatory
from maillage.funding.models._common import ZERO
from maillage.funding.selectors.funds import Balance, envelope_balance


def agreement_url(agreement: Agreement) -> str:
    return reverse("funding:agreement_detail", args=[agreement.pk])


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "application__organization", "application__call__fund", "application__envelope"
    )


def agreement_by_pk(pk: int) -> Agreement | None:
    """The agreement `pk` with its application, call and fund, for a permission check."""
    return _agreements().filter(pk=pk).first()


@dataclass(frozen=True)
class AgreementDetail:
    agreement: Agreement
    signatories: list[Signatory]
    payments: list[Payment]
    reports: list[Report]
    # What the envelope holds for this project; None for readers who do not manage funding.
    balance: Balance | None
    manage: bool

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.state == "paid"), ZERO)


def agreement_detail(viewer: Viewer, pk: int) -> AgreementDetail | None:
    """An agreement with its signatories, schedule and reports, for a reader who may see it."""
    agreement = (
        _agreements()
        .prefetch_related(
            "signatories",
            Prefetch(
                "payments",
                queryset=Payment.objects.select_related("condition_report").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch("reports", queryset=Report.objects.order_by("due_on", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if agreement is None or not has_perm(viewer, "funding.view_agreement", agreement):
        return None
    manage = has_perm(viewer, "funding.manage")
    application = agreement.application
    balance = (
        envelope_balance(application.envelope_id, application=application)
        if manage and application.envelope_id
        else None
    )
    return AgreementDetail(
        agreement=agreement,
        signatories=list(agreement.signatories.all()),
        payments=list(agreement.payments.all()),
        reports=list(agreement.reports.all()),
        balance=balance,
        manage=manage,
    )


def accepted_application(pk: int) -> Application | None:
    """An accepted application that has no agreement yet (for staff preparing one)."""
    return (
        Application.objects.select_related("organization", "call__fund", "envelope")
        .filter(pk=pk, state="accepted", agreement__isnull=True)
        .first()
    )


def report_for(pk: int) -> Report | None:
    return (
        Report.objects.select_related(
            "agreement__application__organization", "agreement__application__call"
        )
        .filter(pk=pk)
        .first()
    )


def payment_for(pk: int) -> Payment | None:
    return (
        Payment.objects.select_related("agreement__application__organization", "condition_report")
        .filter(pk=pk)
        .first()
    )


def reports_to_remind(*, until: date) -> QuerySet[Report]:
    """Reports still owed, due on or before `until`, of signed or active agreements, never
    reminded."""
    return (
        Report.objects.filter(
            state__in=("due", "changes_requested"),
            due_on__lte=until,
            reminded_at__isnull=True,
            agreement__state__in=("signed", "active"),
        )
        .select_related("agreement__application__organization")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class FollowUp:
    today: date
    horizon: date
    reports: list[Report]  # owed and due by the horizon, or submitted and awaiting review
    payments: list[Payment]  # due, approved, held, or scheduled by the horizon
    to_agree: list[Application]  # accepted, without an agreement yet


def followup(*, today: date, days: int, limit: int = 200) -> FollowUp:
    """What staff follow: reports due within `days` or late, reports to review, and payments
    due, approved or held (or scheduled within `days`), and the accepted applications that
    have no agreement yet. Three queries."""
    horizon = today + timedelta(days=days)
    live = ("signed", "active")
    reports = (
        Report.objects.filter(agreement__state__in=live)
        .exclude(state="accepted")
        .filter(Q(due_on__lte=horizon) | Q(state="submitted"))
        .select_related("agreement__application__organization")
        .order_by("due_on", "pk")
    )
    payments = (
        Payment.objects.filter(agreement__state__in=live)
        .exclude(state="paid")
        .exclude(state="scheduled", due_on__gt=horizon)
        .select_related("agreement__application__organization", "condition_report")
        .order_by("due_on", "pk")
    )
    return FollowUp(
        today=today,
        horizon=horizon,
        reports=list(reports[:limit]),
        payments=list(payments[:limit]),
        to_agree=list(
            Application.objects.filter(state="accepted", agreement__isnull=True)
            .select_related("organization")
            .order_by("state_changed_at", "pk")[:limit]
        ),
    )
