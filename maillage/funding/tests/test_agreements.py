"""Agreements, payments and reports: the services and their refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from maillage.core.models import AuditEvent, Notification, User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.funding.models import Agreement, Application, Movement, MovementKind, Payment
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.services import agreements as services
from maillage.funding.services.agreements import InstalmentData, ReportData, SignatoryData
from maillage.funding.services.funds import MoneyRefused
from maillage.funding.tasks import remind_reports
from maillage.funding.tests.factories import accepted_application, applicant_of, user_with_person
from maillage.funding.verbs import FundingVerb

pytestmark = pytest.mark.django_db

START = dt.date(2026, 4, 1)
END = dt.date(2027, 3, 31)


def _staff() -> User:
    return user_with_person(Role.STAFF)


def make_agreement(
    application: Application,
    *,
    actor: User | None = None,
    instalments: list[InstalmentData] | None = None,
) -> Agreement:
    """An agreement of 30 000 $: 20 000 $ on signature, 10 000 $ once the final report is
    accepted; a progress and a final report."""
    return services.agreement_create(
        actor=actor or _staff(),
        application=application,
        start_date=START,
        end_date=END,
        conditions="Inclure les personnes en situation de pauvreté à chaque étape.",
        signatories=[
            SignatoryData("Marie Tremblay", "Maillage régional", "Coordonnatrice"),
            SignatoryData("Luc Gagnon", application.organization.name, "Directeur"),
        ],
        instalments=instalments
        or [
            InstalmentData(Decimal("20000.00"), dt.date(2026, 4, 15)),
            InstalmentData(
                Decimal("10000.00"),
                dt.date(2027, 5, 1),
                "Rapport final accepté",
                condition_report="final",
            ),
        ],
        reports=[
            ReportData("progress", dt.date(2026, 10, 1)),
            ReportData("final", dt.date(2027, 4, 30)),
        ],
    )


def test_an_agreement_takes_the_amount_granted_a_number_and_its_schedule():
    application = accepted_application()
    first = make_agreement(application)
    second = make_agreement(accepted_application())

    year = timezone.localdate().year
    assert first.number == f"CA-{year}-001"
    assert second.number == f"CA-{year}-002"
    assert first.amount == Decimal("30000.00")
    payments = list(first.payments.all())
    assert [p.amount for p in payments] == [Decimal("20000.00"), Decimal("10000.00")]
    assert payments[1].condition_report == first.reports.get(kind="final")
    assert payments[0].condition_report is None
    assert first.signatories.count() == 2
    assert AuditEvent.objects.filter(verb=FundingVerb.AGREEMENT_CREATED).count() == 2


def test_instalments_must_add_up_to_the_amount_granted():
    application = accepted_application()
    with pytest.raises(ValidationError) as refused:
        make_agreement(
            application,
            instalments=[
                InstalmentData(Decimal("20000.00"), dt.date(2026, 4, 15)),
                InstalmentData(Decimal("9999.99"), dt.date(2027, 5, 1)),
            ],
        )
    assert "instalments" in refused.value.message_dict
    assert "29" in refused.value.message_dict["instalments"][0]
    assert not Agreement.objects.exists()
    assert not Payment.objects.exists()


def test_only_an_accepted_application_gets_an_agreement_and_only_one():
    application = accepted_application()
    Application.objects.filter(pk=application.pk).update(state="recommended")
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        make_agreement(application)
    Application.objects.filter(pk=application.pk).update(state="accepted")
    make_agreement(application)
    with pytest.raises(ValidationError):
        make_agreement(application)


def test_the_agreement_ends_by_the_calls_limit():
    application = accepted_application()
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(
            actor=_staff(),
            application=application,
            start_date=START,
            end_date=dt.date(2028, 6, 30),
            conditions="",
            signatories=[SignatoryData("Marie Tremblay", "Maillage")],
            instalments=[InstalmentData(Decimal("30000.00"), START)],
            reports=[ReportData("final", END)],
        )
    assert "end_date" in refused.value.message_dict


def test_the_organizations_people_cannot_prepare_an_agreement():
    application = accepted_application()
    applicant = applicant_of(application.organization)
    with pytest.raises(PermissionDenied):
        make_agreement(application, actor=applicant)


def _signed(application: Application | None = None) -> Agreement:
    agreement = make_agreement(application or accepted_application())
    return services.agreement_sign(
        actor=_staff(), agreement=agreement, signed_on=timezone.localdate()
    )


def test_a_payment_waiting_for_its_report_cannot_be_approved_until_the_report_is_accepted():
    agreement = _signed()
    staff = _staff()
    applicant = applicant_of(agreement.application.organization)
    final = agreement.reports.get(kind="final")
    conditioned = agreement.payments.get(position=2)

    with pytest.raises(ValidationError) as refused:
        services.payment_approve(actor=staff, payment=conditioned)
    assert "rapport final" in refused.value.messages[0]
    conditioned.refresh_from_db()
    assert conditioned.state == "scheduled"

    services.report_submit(actor=applicant, report=final, text="Le projet a rejoint 80 familles.")
    with pytest.raises(ValidationError):
        services.payment_approve(actor=staff, payment=conditioned)
    services.report_review(actor=staff, report=final, accept=True)
    conditioned.refresh_from_db()
    services.payment_approve(actor=staff, payment=conditioned)
    assert conditioned.state == "approved"


def test_paying_records_a_movement_and_never_goes_beyond_what_was_committed():
    application = accepted_application()
    agreement = _signed(application)
    staff = _staff()
    first = agreement.payments.get(position=1)
    services.payment_approve(actor=staff, payment=first)
    services.payment_pay(actor=staff, payment=first)

    movement = Movement.objects.get(kind=MovementKind.PAYMENT)
    assert (movement.payment, movement.application, movement.envelope) == (
        first,
        application,
        application.envelope,
    )
    assert movement.amount == Decimal("20000.00")
    assert AuditEvent.objects.filter(verb=FundingVerb.MONEY_PAID).count() == 1
    balance = envelope_balance(application.envelope)
    assert (balance.committed, balance.paid) == (Decimal("30000.00"), Decimal("20000.00"))

    # Part of the commitment is released: the second instalment is now beyond it.
    Movement.objects.create(
        envelope=application.envelope,
        kind=MovementKind.RELEASE,
        amount=Decimal("5000.00"),
        application=application,
    )
    second = agreement.payments.get(position=2)
    Payment.objects.filter(pk=second.pk).update(condition_report=None)
    second.refresh_from_db()
    services.payment_approve(actor=staff, payment=second)
    with pytest.raises(MoneyRefused) as refused:
        services.payment_pay(actor=staff, payment=second)
    assert "5\N{NO-BREAK SPACE}000,00" in refused.value.message_dict["amount"][0]
    second.refresh_from_db()
    assert second.state == "approved"
    assert Movement.objects.filter(kind=MovementKind.PAYMENT).count() == 1


def test_a_held_payment_says_why_and_is_released_due():
    agreement = _signed()
    staff = _staff()
    payment = agreement.payments.get(position=1)
    with pytest.raises(ValidationError):
        services.payment_hold(actor=staff, payment=payment, reason="  ")
    services.payment_hold(actor=staff, payment=payment, reason="Pièce justificative manquante")
    assert (payment.state, payment.hold_reason) == ("held", "Pièce justificative manquante")
    services.payment_release(actor=staff, payment=payment)
    assert (payment.state, payment.hold_reason) == ("due", "")


def test_a_report_is_submitted_with_a_checked_file_and_sent_back_with_a_note():
    agreement = _signed()
    applicant = applicant_of(agreement.application.organization)
    staff = _staff()
    report = agreement.reports.get(kind="progress")

    fake = SimpleUploadedFile("rapport.pdf", b"not a pdf at all")
    with pytest.raises(ValidationError) as refused:
        services.report_submit(actor=applicant, report=report, text="", file=fake)
    assert "file" in refused.value.message_dict
    report.refresh_from_db()
    assert report.state == "due"

    with pytest.raises(PermissionDenied):
        services.report_submit(actor=staff, report=report, text="Rapport")

    pdf = SimpleUploadedFile("Rapport d'étape.pdf", b"%PDF-1.4\n%%EOF\n")
    services.report_submit(actor=applicant, report=report, text="", file=pdf)
    assert report.state == "submitted"
    assert report.filename.endswith(".pdf")
    assert report.file.read().startswith(b"%PDF")

    with pytest.raises(ValidationError):
        services.report_review(actor=staff, report=report, accept=False, note="")
    services.report_review(actor=staff, report=report, accept=False, note="Ajoutez le budget.")
    assert (report.state, report.staff_note) == ("changes_requested", "Ajoutez le budget.")
    assert Notification.objects.filter(recipient=applicant, body__contains="budget").exists()

    with pytest.raises(PermissionDenied):
        services.report_review(actor=applicant, report=report, accept=True)


def test_the_agreement_closes_only_when_everything_is_paid_and_the_final_report_accepted():
    agreement = _signed()
    staff = _staff()
    applicant = applicant_of(agreement.application.organization)
    services.agreement_activate(actor=staff, agreement=agreement)
    with pytest.raises(ValidationError):
        services.agreement_close(actor=staff, agreement=agreement)

    for report in agreement.reports.all():
        services.report_submit(actor=applicant, report=report, text="Fait.")
        services.report_review(actor=staff, report=report, accept=True)
    for payment in agreement.payments.all():
        services.payment_approve(actor=staff, payment=payment)
        services.payment_pay(actor=staff, payment=payment)
    services.agreement_close(actor=staff, agreement=agreement)

    agreement.application.refresh_from_db()
    assert agreement.state == "closed"
    assert agreement.application.state == "completed"


def test_reminders_are_sent_once_before_a_report_is_due(settings):
    settings.MAILLAGE_FUNDING_REPORT_REMINDER_DAYS = 10
    agreement = _signed()
    applicant = applicant_of(agreement.application.organization)
    progress = agreement.reports.get(kind="progress")  # due on 2026-10-01
    before = dt.datetime(2026, 9, 20, 9, tzinfo=dt.UTC)  # 11 days before
    within = dt.datetime(2026, 9, 22, 9, tzinfo=dt.UTC)

    assert services.reports_remind_due(actor=SYSTEM, now=before) == 0
    assert remind_reports.call(within.isoformat()) == 1
    assert remind_reports.call(within.isoformat()) == 0
    progress.refresh_from_db()
    assert progress.reminded_at == within
    reminders = Notification.objects.filter(recipient=applicant, subject__startswith="Rappel")
    assert reminders.count() == 1
    assert "1er octobre 2026" in reminders.get().subject


def test_scheduled_payments_fall_due_on_their_date_through_the_command(capsys):
    agreement = _signed()
    first, second = agreement.payments.all()
    with timezone.override("America/Toronto"):
        call_command("funding_reminders")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == ("due" if first.due_on <= timezone.localdate() else "scheduled")
    assert second.state == ("due" if second.due_on <= timezone.localdate() else "scheduled")
    assert services.payments_fall_due(actor=SYSTEM, today=dt.date(2027, 5, 1)) == sum(
        p.state == "scheduled" for p in (first, second)
    )
    assert set(agreement.payments.values_list("state", flat=True)) == {"due"}


def test_an_agreement_prepared_at_the_same_moment_as_another_takes_the_next_number(monkeypatch):
    first = make_agreement(accepted_application())
    numbers = iter([first.number])
    real = services._number
    # The first read answers the number another agreement has just taken.
    monkeypatch.setattr(services, "_number", lambda year: next(numbers, None) or real(year))
    second = make_agreement(accepted_application())
    assert second.number != first.number
    assert second.number.endswith("-002")


def test_the_agreement_starts_within_the_funds_period():
    application = accepted_application()
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(
            actor=_staff(),
            application=application,
            start_date=dt.date(2024, 1, 1),
            end_date=END,
            conditions="",
            signatories=[SignatoryData("Marie Tremblay", "Maillage")],
            instalments=[InstalmentData(Decimal("30000.00"), START)],
            reports=[ReportData("final", END)],
        )
    assert "start_date" in refused.value.message_dict


def test_a_cancelled_agreement_gives_back_what_was_not_paid_and_stops_the_funding():
    application = accepted_application()
    agreement = _signed(application)
    staff = _staff()
    applicant = applicant_of(application.organization)
    first = agreement.payments.get(position=1)
    services.payment_approve(actor=staff, payment=first)
    services.payment_pay(actor=staff, payment=first)
    progress = agreement.reports.get(kind="progress")
    services.report_submit(actor=applicant, report=progress, text="Démarrage difficile.")
    before = envelope_balance(application.envelope)

    with pytest.raises(ValidationError) as unsaid:
        services.agreement_cancel(actor=staff, agreement=agreement, reason="  ")
    assert "reason" in unsaid.value.message_dict
    with pytest.raises(PermissionDenied):
        services.agreement_cancel(actor=applicant, agreement=agreement, reason="Fin du projet")

    services.agreement_cancel(
        actor=staff, agreement=agreement, reason="L'organisme met fin au projet."
    )

    agreement.refresh_from_db()
    application.refresh_from_db()
    assert agreement.state == "cancelled"
    assert application.state == "discontinued"
    assert dict(agreement.payments.values_list("position", "state")) == {1: "paid", 2: "cancelled"}
    assert set(agreement.reports.values_list("state", flat=True)) == {"waived"}
    after = envelope_balance(application.envelope)
    # The 10 000 $ not paid went back; the 20 000 $ paid stays counted.
    assert after.committed == before.committed - Decimal("10000.00")
    assert (after.paid, after.remaining) == (before.paid, before.remaining + Decimal("10000.00"))
    release = Movement.objects.get(kind=MovementKind.RELEASE, application=application)
    assert "L'organisme met fin au projet." in release.note
    told = Notification.objects.filter(recipient=applicant).latest("created_at")
    assert "L'organisme met fin au projet." in told.body
    with pytest.raises(ValidationError):  # a cancelled agreement is not cancelled twice
        services.agreement_cancel(actor=staff, agreement=agreement, reason="Encore")
