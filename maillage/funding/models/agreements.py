"""Agreements with funded organizations, their payments and the reports they owe."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.core.uploads import private_storage
from maillage.funding.models._common import money
from maillage.funding.models.applications import Application
from maillage.funding.workflows import AGREEMENT, PAYMENT, REPORT


class Agreement(Timestamped):
    """The agreement (*convention*) of an accepted project."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="agreement",
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    amount = money(_("amount"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    conditions = models.TextField(_("conditions"), blank=True)
    state = models.CharField(_("state"), max_length=16, default=AGREEMENT.initial, db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_by = user_reference(_("prepared by"))

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state_label(self) -> str:
        return str(AGREEMENT.label(self.state))


class Signatory(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organization = models.CharField(_("for"), max_length=200)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["agreement", "pk"]

    def __str__(self) -> str:
        return self.name


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    FINAL = "final", _("Final report")
    FINANCIAL = "financial", _("Financial report")


class Report(Timestamped):
    """A report the funded organization owes, submitted then accepted or sent back."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    due_on = models.DateField(_("due on"))
    text = models.TextField(_("report"), blank=True)
    file = models.FileField(
        _("document"),
        upload_to="funding/reports/%Y/%m/",
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    state = models.CharField(_("state"), max_length=24, default=REPORT.initial, db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = user_reference(_("submitted by"))
    staff_note = models.TextField(_("note to the organization"), blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["agreement", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.agreement}"

    @property
    def state_label(self) -> str:
        return str(REPORT.label(self.state))


class Payment(Timestamped):
    """An instalment of an agreement's payment schedule; paid, it is a movement on the
    envelope."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="payments"
    )
    position = models.PositiveSmallIntegerField(_("instalment"), default=1)
    amount = money(_("amount"))
    due_on = models.DateField(_("due on"))
    condition = models.CharField(_("condition"), max_length=255, blank=True)
    # The report that must be accepted before this payment may be approved.
    condition_report = models.ForeignKey(
        Report,
        verbose_name=_("report to be accepted first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conditioned_payments",
    )
    state = models.CharField(_("state"), max_length=16, default=PAYMENT.initial, db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    hold_reason = models.CharField(_("reason held"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("A payment's amount must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} #{self.position}"

    @property
    def state_label(self) -> str:
        return str(PAYMENT.label(self.state))
