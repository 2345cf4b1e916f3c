"""Funds, their streams and envelopes, and the movements that make up every balance."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import BilingualName, Timestamped, user_reference
from maillage.funding.models._common import fiscal_year_label, money
from maillage.territories.models import Territory


class Stream(BilingualName, models.Model):
    """A stream of a fund (*volet*): local, regional, community development…"""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("stream")
        verbose_name_plural = _("streams")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.name


class SplitMethod(models.TextChoices):
    EQUAL = "equal", _("Equal shares")
    POPULATION = "population", _("Shares of population")
    WEIGHTS = "weights", _("Custom weights")


class Fund(Timestamped):
    """A fund the collective administers for a funder over a period (e.g. the FQIS 2024-2029)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    funder = models.CharField(_("funder"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start of the period"))
    end_date = models.DateField(_("end of the period"))
    total = money(_("total amount"))
    # How the regional amount is split among the territories (`services.funds.fund_split`).
    split_method = models.CharField(
        _("split among territories"),
        max_length=16,
        choices=SplitMethod.choices,
        default=SplitMethod.POPULATION,
    )
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="fund_ends_after_start",
                violation_error_message=_("A fund's period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Envelope(Timestamped):
    """The part of a fund for one territory (an MRC, an equivalent territory or the whole
    region), one stream and one fiscal year. Its amount is the sum of its movements."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="envelopes"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="funding_envelopes",
    )
    stream = models.ForeignKey(
        Stream, verbose_name=_("stream"), on_delete=models.PROTECT, related_name="envelopes"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), help_text=_("The calendar year in which it starts (April 1).")
    )
    # A custom weight for the `weights` split method.
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, null=True, blank=True)
    # Never committed beyond this, at any time (`services.funds.envelope_commit`).
    cap_per_project = money(_("maximum per project"), null=True, blank=True)

    class Meta:
        verbose_name = _("envelope")
        verbose_name_plural = _("envelopes")
        ordering = ["fund", "fiscal_year", "stream__position", "territory__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "territory", "stream", "fiscal_year"],
                name="envelope_unique_per_year",
                violation_error_message=_(
                    "This fund already has an envelope for this territory, stream and year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} · {self.stream} · {fiscal_year_label(self.fiscal_year)}"

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)


class MovementKind(models.TextChoices):
    """What a movement does. Amounts are positive; the kind gives the direction."""

    ALLOCATION = "allocation", _("Allocation")  # money put in the envelope by the fund
    TRANSFER_IN = "transfer_in", _("Transfer received")
    TRANSFER_OUT = "transfer_out", _("Transfer sent")
    CARRY_IN = "carry_in", _("Carried over from the previous year")
    CARRY_OUT = "carry_out", _("Carried over to the next year")
    COMMITMENT = "commitment", _("Commitment to a project")
    RELEASE = "release", _("Commitment released")
    PAYMENT = "payment", _("Payment")


# The sign of each kind on an envelope's amount, committed and paid totals.
BUDGET_SIGN: dict[str, int] = {
    MovementKind.ALLOCATION: 1,
    MovementKind.TRANSFER_IN: 1,
    MovementKind.CARRY_IN: 1,
    MovementKind.TRANSFER_OUT: -1,
    MovementKind.CARRY_OUT: -1,
}
COMMITTED_SIGN: dict[str, int] = {MovementKind.COMMITMENT: 1, MovementKind.RELEASE: -1}
PAID_SIGN: dict[str, int] = {MovementKind.PAYMENT: 1}


class Movement(models.Model):
    """One recorded movement of money on an envelope. Never changed nor deleted: a balance is
    the sum of movements, and a correction is a movement of its own."""

    envelope = models.ForeignKey(
        Envelope, verbose_name=_("envelope"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MovementKind.choices)
    amount = money(_("amount"))
    # The other envelope of a transfer or a carry-over.
    counterpart = models.ForeignKey(
        Envelope,
        verbose_name=_("other envelope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The project a commitment, a release or a payment is for.
    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    payment = models.ForeignKey(
        "funding.Payment",
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = user_reference(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["envelope", "kind"], name="movement_envelope_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="movement_amount_positive",
                violation_error_message=_("A movement's amount must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} $"
