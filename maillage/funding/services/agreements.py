"""Agreements of accepted projects, their payments and the reports the organizations owe.

An agreement is prepared for an accepted application with its signatories, its payment schedule
(instalments adding up exactly to the amount granted) and the reports due. Every state change
goes through `services._common.fire`; paying records a movement on the application's envelope,
never beyond what was committed to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import require
from maillage.core.uploads import FileKind, check_upload, safe_filename
from maillage.funding import workflows
from maillage.funding.models import (
    Agreement,
    Application,
    Envelope,
    Movement,
    MovementKind,
    Payment,
    Report,
    ReportKind,
    Signatory,
)
from maillage.funding.models._common import ZERO, dollars
from maillage.funding.selectors.agreements import agreement_url, reports_to_remind
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.services._common import fire, user_of
from maillage.funding.services.applications import application_transition, tell_applicants
from maillage.funding.services.funds import MoneyRefused, envelope_release
from maillage.funding.verbs import FundingVerb

DEFAULT_REMINDER_DAYS = 14


def reminder_days() -> int:
    """How many days before a report is due its organization is reminded."""
    return int(getattr(settings, "MAILLAGE_FUNDING_REPORT_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


@dataclass(frozen=True)
class SignatoryData:
    name: str
    organization: str
    title: str = ""


@dataclass(frozen=True)
class InstalmentData:
    amount: Decimal
    due_on: date
    condition: str = ""
    # The kind of report (`ReportKind`) to be accepted before this instalment is approved: the
    # last one due of that kind among the agreement's reports.
    condition_report: str = ""


@dataclass(frozen=True)
class ReportData:
    kind: str
    due_on: date


def _number(year: int) -> str:
    """The next agreement number of `year`: CA-2026-001, CA-2026-002…"""
    prefix = f"CA-{year}-"
    taken = Agreement.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    last = max(
        (int(n.removeprefix(prefix)) for n in taken if n.removeprefix(prefix).isdigit()), default=0
    )
    return f"{prefix}{last + 1:03d}"


def _check_dates(application: Application, start_date: date, end_date: date) -> None:
    errors: dict[str, str] = {}
    if end_date < start_date:
        errors["end_date"] = _("The agreement cannot end before it starts.")
    limit = application.call.project_end_by
    fund_start, fund_end = application.call.fund.start_date, application.call.fund.end_date
    if start_date < fund_start:
        errors["start_date"] = _("The fund's period starts on %(date)s.") % {
            "date": long_date(fund_start)
        }
    if limit is not None and end_date > limit:
        errors["end_date"] = _("The call's projects end no later than %(date)s.") % {
            "date": long_date(limit)
        }
    elif end_date > fund_end:
        errors["end_date"] = _("The fund's period ends on %(date)s.") % {
            "date": long_date(fund_end)
        }
    if errors:
        raise ValidationError(errors)


def _check_schedule(
    amount: Decimal,
    signatories: Sequence[SignatoryData],
    instalments: Sequence[InstalmentData],
    reports: Sequence[ReportData],
) -> None:
    errors: dict[str, str] = {}
    if not signatories:
        errors["signatories"] = _("Name at least one signatory.")
    if not instalments:
        errors["instalments"] = _("The payment schedule needs at least one instalment.")
    elif any(i.amount <= 0 for i in instalments):
        errors["instalments"] = _("Every instalment must be greater than zero.")
    else:
        total = sum((i.amount for i in instalments), ZERO)
        if total != amount:
            errors["instalments"] = _(
                "The instalments add up to %(total)s; they must add up to exactly the amount "
                "granted, %(amount)s."
            ) % {"total": dollars(total), "amount": dollars(amount)}
    kinds = {r.kind for r in reports}
    if ReportKind.FINAL not in kinds:
        errors["reports"] = _("The agreement needs a final report.")
    elif any(i.condition_report and i.condition_report not in kinds for i in instalments):
        errors["instalments"] = _(
            "An instalment waits for a kind of report the agreement does not ask for."
        )
    if errors:
        raise ValidationError(errors)


def _numbered(actor: Actor, agreement: Agreement, *, payload: dict[str, Any]) -> Agreement:
    """Save a new agreement under the next number of the year. Two agreements prepared at the
    same moment may read the same last number: the second one's insert is refused by the
    unique number, and it takes the next one (in a savepoint, so its transaction goes on)."""
    for attempt in range(3):
        agreement.number = _number(timezone.localdate().year)
        try:
            with transaction.atomic():
                return audit.audited_save(
                    actor=actor,
                    instance=agreement,
                    verb=FundingVerb.AGREEMENT_CREATED,
                    payload=lambda a: {"number": a.number, **payload},
                )
        except (IntegrityError, ValidationError) as error:
            taken = isinstance(error, IntegrityError) or "number" in getattr(
                error, "error_dict", {}
            )
            if not taken or attempt == 2:
                raise
            agreement.pk = None
    raise AssertionError("unreachable")


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    application: Application,
    start_date: date,
    end_date: date,
    conditions: str,
    signatories: Sequence[SignatoryData],
    instalments: Sequence[InstalmentData],
    reports: Sequence[ReportData],
) -> Agreement:
    """Prepare the agreement of an accepted application for the amount granted, with its
    signatories, payment schedule and reports due."""
    require(actor, "funding.manage")
    application = (
        Application.objects.select_for_update().select_related("call__fund").get(pk=application.pk)
    )
    if application.state != "accepted" or application.amount_granted is None:
        raise ValidationError(
            _("Only an accepted application with an amount granted gets an agreement.")
        )
    if Agreement.objects.filter(application=application).exists():
        raise ValidationError(_("This application already has an agreement."))
    amount = application.amount_granted
    _check_dates(application, start_date, end_date)
    _check_schedule(amount, signatories, instalments, reports)
    agreement = _numbered(
        actor,
        Agreement(
            application=application,
            amount=amount,
            start_date=start_date,
            end_date=end_date,
            conditions=conditions.strip(),
            created_by=user_of(actor),
        ),
        payload={
            "application": application.pk,
            "amount": str(amount),
            "instalments": [str(i.amount) for i in instalments],
            "reports": [r.kind for r in reports],
        },
    )
    Signatory.objects.bulk_create(
        Signatory(
            agreement=agreement,
            name=s.name.strip(),
            title=s.title.strip(),
            organization=s.organization.strip(),
        )
        for s in signatories
    )
    created = [
        Report.objects.create(agreement=agreement, kind=r.kind, due_on=r.due_on)
        for r in sorted(reports, key=lambda r: r.due_on)
    ]
    last_of_kind = {r.kind: r for r in created}  # sorted by date: the last one due wins
    for position, instalment in enumerate(sorted(instalments, key=lambda i: i.due_on), start=1):
        Payment.objects.create(
            agreement=agreement,
            position=position,
            amount=instalment.amount,
            due_on=instalment.due_on,
            condition=instalment.condition.strip(),
            condition_report=last_of_kind.get(instalment.condition_report),
        )
    return agreement


def agreement_transition(
    *, actor: Actor, agreement: Agreement, step: str, **values: Any
) -> Agreement:
    """Fire `step` of the agreement's workflow (checked for `actor`, audited)."""
    return fire(
        actor=actor,
        instance=agreement,
        workflow=workflows.AGREEMENT,
        step=step,
        verb=FundingVerb.AGREEMENT_TRANSITION,
        **values,
    )


@transaction.atomic
def agreement_sign(*, actor: Actor, agreement: Agreement, signed_on: date) -> Agreement:
    """Record that the agreement was signed on `signed_on` by its signatories."""
    require(actor, "funding.manage")
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signatures cannot be dated in the future.")})
    agreement_transition(actor=actor, agreement=agreement, step="sign", signed_on=signed_on)
    agreement.signatories.filter(signed_on__isnull=True).update(signed_on=signed_on)
    return agreement


@transaction.atomic
def agreement_activate(*, actor: Actor, agreement: Agreement) -> Agreement:
    """The signed agreement's project starts."""
    require(actor, "funding.manage")
    return agreement_transition(actor=actor, agreement=agreement, step="activate")


def closing_refusal(agreement: Agreement) -> str | None:
    """Why the agreement cannot be closed yet (None when it can)."""
    if agreement.payments.exclude(state="paid").exists():
        return _("Every payment of the schedule must be paid before the agreement is closed.")
    if not agreement.reports.filter(kind=ReportKind.FINAL, state="accepted").exists():
        return _("The final report must be accepted before the agreement is closed.")
    if agreement.reports.exclude(state="accepted").exists():
        return _("Every report must be accepted before the agreement is closed.")
    return None


@transaction.atomic
def agreement_close(*, actor: Actor, agreement: Agreement) -> Agreement:
    """Close the agreement once every payment is paid and the final report accepted; the
    application is then completed."""
    require(actor, "funding.manage")
    refusal = closing_refusal(agreement)
    if refusal:
        raise ValidationError(refusal)
    agreement_transition(actor=actor, agreement=agreement, step="close")
    application_transition(actor=actor, application=agreement.application, step="complete")
    return agreement


@transaction.atomic
def agreement_cancel(*, actor: Actor, agreement: Agreement, reason: str) -> Agreement:
    """Cancel the agreement (the project stops, or was never signed): its unpaid payments are
    cancelled, the reports still owed no longer asked for, what was committed and not paid goes
    back to its envelope, and the project's funding is stopped. What was paid stays counted."""
    require(actor, "funding.manage")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the agreement is cancelled.")})
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    why = {"reason": reason}
    fire(
        actor=actor,
        instance=agreement,
        workflow=workflows.AGREEMENT,
        step="cancel",
        verb=FundingVerb.AGREEMENT_TRANSITION,
        payload=why,
    )
    for payment in agreement.payments.exclude(state__in=("paid", "cancelled")):
        payment_transition(actor=actor, payment=payment, step="cancel", payload=why)
    for report in agreement.reports.exclude(state__in=("accepted", "waived")):
        report_transition(actor=actor, report=report, step="waive", payload=why)
    application = agreement.application
    drawn = Envelope.objects.filter(movements__application=application).distinct()
    for envelope in drawn.order_by("pk"):
        balance = envelope_balance(envelope, application=application)
        if balance.committed > balance.paid:
            envelope_release(
                actor=actor,
                envelope=envelope,
                application=application,
                amount=balance.committed - balance.paid,
                note=_("Agreement %(number)s cancelled: %(reason)s")
                % {"number": agreement.number, "reason": reason},
            )
    application_transition(actor=actor, application=application, step="discontinue", note=reason)
    return agreement


# Payments


def payment_transition(
    *,
    actor: Actor,
    payment: Payment,
    step: str,
    payload: dict[str, Any] | None = None,
    **values: Any,
) -> Payment:
    return fire(
        actor=actor,
        instance=payment,
        workflow=workflows.PAYMENT,
        step=step,
        verb=FundingVerb.PAYMENT_TRANSITION,
        payload=payload,
        **values,
    )


def _payment_refusal(payment: Payment) -> str | None:
    """Why `payment` cannot be approved yet (None when it can)."""
    if payment.agreement.state not in ("signed", "active"):
        return _("A payment is approved only once the agreement is signed.")
    report = payment.condition_report
    if report is not None and report.state != "accepted":
        return _(
            "This payment waits for the %(report)s (due on %(date)s) to be accepted; it is "
            "“%(state)s”."
        ) % {
            "report": report.get_kind_display().lower(),
            "date": long_date(report.due_on),
            "state": report.state_label,
        }
    return None


@transaction.atomic
def payment_approve(*, actor: Actor, payment: Payment) -> Payment:
    """Approve a payment whose conditions are met (its report accepted)."""
    require(actor, "funding.manage", payment)
    refusal = _payment_refusal(payment)
    if refusal:
        raise ValidationError(refusal)
    return payment_transition(actor=actor, payment=payment, step="approve")


@transaction.atomic
def payment_pay(*, actor: Actor, payment: Payment, paid_on: date | None = None) -> Payment:
    """Record an approved payment as paid: a payment movement on the application's envelope,
    never beyond what remains committed to the application there."""
    require(actor, "funding.manage", payment)
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("A payment cannot be recorded in the future.")})
    application = payment.agreement.application
    if application.envelope_id is None:
        raise MoneyRefused({"amount": _("The application draws on no envelope.")})
    # The envelope's row is locked first, so two payments never both pass the check.
    envelope = Envelope.objects.select_for_update().get(pk=application.envelope_id)
    share = envelope_balance(envelope, application=application)
    if payment.amount > share.unpaid:
        raise MoneyRefused(
            {
                "amount": _(
                    "Only %(unpaid)s committed to this project is left to pay: %(amount)s is "
                    "more than that."
                )
                % {"unpaid": dollars(share.unpaid), "amount": dollars(payment.amount)}
            }
        )
    payment_transition(actor=actor, payment=payment, step="pay", paid_on=paid_on)
    movement = Movement.objects.create(
        envelope=envelope,
        kind=MovementKind.PAYMENT,
        amount=payment.amount,
        application=application,
        payment=payment,
        note=str(payment),
        created_by=user_of(actor),
    )
    audit.record(
        actor=actor,
        verb=FundingVerb.MONEY_PAID,
        target=envelope,
        payload={
            "kind": MovementKind.PAYMENT.value,
            "amount": str(payment.amount),
            "movement": movement.pk,
            "application": application.pk,
            "payment": payment.pk,
        },
    )
    return payment


@transaction.atomic
def payment_hold(*, actor: Actor, payment: Payment, reason: str) -> Payment:
    require(actor, "funding.manage", payment)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the payment is held.")})
    return payment_transition(
        actor=actor, payment=payment, step="hold", payload={"reason": reason}, hold_reason=reason
    )


@transaction.atomic
def payment_release(*, actor: Actor, payment: Payment) -> Payment:
    require(actor, "funding.manage", payment)
    return payment_transition(actor=actor, payment=payment, step="release", hold_reason="")


@transaction.atomic
def payments_fall_due(*, actor: Actor, today: date | None = None) -> int:
    """Mark the scheduled payments whose date has come as due. Returns how many."""
    today = today or timezone.localdate()
    due = Payment.objects.filter(state="scheduled", due_on__lte=today).select_related(
        "agreement__application"
    )
    count = 0
    for payment in due.filter(agreement__state__in=("signed", "active")):
        payment_transition(actor=actor, payment=payment, step="fall_due")
        count += 1
    return count


# Reports


def _checked(upload: File[Any]) -> FileKind:
    try:
        return check_upload(upload, max_bytes=settings.MAILLAGE_DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def report_transition(
    *, actor: Actor, report: Report, step: str, payload: dict[str, Any] | None = None, **values: Any
) -> Report:
    return fire(
        actor=actor,
        instance=report,
        workflow=workflows.REPORT,
        step=step,
        verb=FundingVerb.REPORT_TRANSITION,
        payload=payload,
        **values,
    )


@transaction.atomic
def report_submit(
    *, actor: Actor, report: Report, text: str, file: File[Any] | None = None
) -> Report:
    """The funded organization submits a report: a text, a document, or both."""
    require(actor, "funding.submit_report", report)
    text = text.strip()
    if not text and file is None and not report.file:
        raise ValidationError({"text": _("Write the report or attach its document.")})
    values: dict[str, Any] = {
        "text": text,
        "submitted_at": timezone.now(),
        "submitted_by": user_of(actor),
    }
    stored = None
    if file is not None:
        kind = _checked(file)
        name = safe_filename(file.name or "", kind)
        report.file.save(name, file, save=False)
        stored = report.file.name
        values |= {"file": report.file.name, "filename": name}
    try:
        report_transition(
            actor=actor,
            report=report,
            step="submit",
            payload={"file": values.get("filename", "")},
            **values,
        )
    except Exception:
        if stored:
            # The submission is refused: the stored file would be nobody's.
            report.file.storage.delete(stored)
        raise
    return report


@transaction.atomic
def report_review(*, actor: Actor, report: Report, accept: bool, note: str = "") -> Report:
    """Accept a submitted report, or send it back to the organization with a note."""
    require(actor, "funding.manage", report)
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": _("Say what the organization must change.")})
    step = "accept" if accept else "request_changes"
    report_transition(
        actor=actor, report=report, step=step, payload={"note": note}, staff_note=note
    )
    with translation.override("fr"):
        subject = _("%(report)s of the agreement %(number)s: %(state)s") % {
            "report": report.get_kind_display(),
            "number": report.agreement.number,
            "state": report.state_label,
        }
    body = "\n\n".join(filter(None, [note, agreement_url(report.agreement)]))
    tell_applicants(report.agreement.application, subject=subject, body=body)
    return report


@transaction.atomic
def reports_remind_due(*, actor: Actor, now: datetime | None = None) -> int:
    """Remind the organizations of the reports due within `reminder_days()`, once per report.
    Returns how many reports were reminded."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    count = 0
    for report in reports_to_remind(until=today + timedelta(days=reminder_days())):
        with translation.override("fr"):
            subject = _("Reminder: %(report)s of the agreement %(number)s is due on %(date)s") % {
                "report": report.get_kind_display().lower(),
                "number": report.agreement.number,
                "date": long_date(report.due_on),
            }
        tell_applicants(
            report.agreement.application, subject=subject, body=agreement_url(report.agreement)
        )
        audit.audited_set(
            actor=actor,
            instance=report,
            verb=FundingVerb.REPORT_REMINDED,
            values={"reminded_at": now},
            payload={"due_on": report.due_on.isoformat()},
        )
        count += 1
    return count
