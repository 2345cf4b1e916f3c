"""Calls for projects: what they draw on, who may apply, the form and the scoring grid."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.funding.models._common import money
from maillage.funding.models.funds import Envelope, Fund
from maillage.funding.workflows import CALL
from maillage.governance.models import Circle
from maillage.network.models import Sector
from maillage.territories.models import Territory


class Call(Timestamped):
    """A call for projects of a fund. Published, its page is public."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    envelopes = models.ManyToManyField(
        Envelope, verbose_name=_("envelopes drawn on"), related_name="calls", blank=True
    )
    opens_on = models.DateField(_("opens on"))
    closes_at = models.DateTimeField(_("closes at"))
    decisions_expected_on = models.DateField(_("decisions expected on"), null=True, blank=True)
    # Eligibility: empty sets mean every sector, every territory.
    eligible_sectors = models.ManyToManyField(
        Sector, verbose_name=_("eligible sectors"), related_name="+", blank=True
    )
    eligible_territories = models.ManyToManyField(
        Territory, verbose_name=_("eligible territories"), related_name="+", blank=True
    )
    # The review committee: its members review the applications, and its consent decision
    # takes the recommendation.
    committee = models.ForeignKey(
        Circle,
        verbose_name=_("review committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_calls",
    )
    max_amount = money(_("maximum amount per project"), null=True, blank=True)
    project_end_by = models.DateField(_("projects end no later than"), null=True, blank=True)
    # Two steps: a short intention first, then the full application by invitation.
    two_steps = models.BooleanField(
        _("two steps (intention, then full application)"), default=False
    )
    minimum_score = models.DecimalField(
        _("minimum score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Out of 100. Applications below it are not recommended."),
    )
    state = models.CharField(_("state"), max_length=16, default=CALL.initial, db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decisions_expected_on__isnull=True)
                | Q(decisions_expected_on__gte=F("opens_on")),
                name="call_decisions_after_opening",
                violation_error_message=_("Decisions cannot be expected before the call opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def state_label(self) -> str:
        return str(CALL.label(self.state))


class Section(models.Model):
    """A section of a call's application form: a question the applicant answers in prose."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField(_("key"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    help_text = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    # Asked at the intention step of a two-step call (the others only in the full application).
    in_intention = models.BooleanField(_("asked in the intention"), default=False)
    max_words = models.PositiveIntegerField(_("maximum words"), null=True, blank=True)

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="section_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title


class RequiredAttachment(models.Model):
    """A document every application to the call must include (e.g. the board's resolution)."""

    call = models.ForeignKey(
        Call,
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="required_attachments",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    in_intention = models.BooleanField(_("asked in the intention"), default=False)

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        ordering = ["call", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """A criterion of a call's scoring grid: a weight (points out of the grid's total) and a
    scale from 0 to `scale_max`. A score `s` earns `weight × s / scale_max` points."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scale_max = models.PositiveSmallIntegerField(
        _("top of the scale"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(scale_max__gte=1),
                name="criterion_weight_and_scale_positive",
                violation_error_message=_("A criterion needs a weight and a scale above zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
