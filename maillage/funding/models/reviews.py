"""The analysis: screening, reviewers, conflicts of interest, scores and the committee's
recommendation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.funding.models._common import money
from maillage.funding.models.applications import Application
from maillage.funding.models.calls import Call, Criterion
from maillage.network.models import Organization


class Screening(Timestamped):
    """The eligibility check of an application: each rule of the call with its result and
    reason (`checks`: a list of `{"key", "label", "ok", "reason"}`), and the staff's note."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="screening",
    )
    checks = models.JSONField(_("checks"), default=list)
    eligible = models.BooleanField(_("eligible"))
    note = models.TextField(_("note"), blank=True)
    screened_by = user_reference(_("screened by"))

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return str(self.application)


class Assignment(models.Model):
    """A reviewer (a member of the review committee) asked to score an application."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="funding_assignments",
    )
    assigned_by = user_reference(_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["application", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="assignment_unique_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared")
    SEAT = "seat", _("Seat in the organization")
    FUNCTION = "function", _("Function in the organization")


class Conflict(models.Model):
    """A reviewer's conflict of interest with an application: declared by them (or by staff for
    them), or found from the seats and functions they hold in the applying or a co-applicant
    organization. A reviewer in conflict sees neither the scores nor the discussion, and their
    score counts in no average."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="funding_conflicts",
    )
    source = models.CharField(_("source"), max_length=16, choices=ConflictSource.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = user_reference(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["application", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "source", "organization"],
                condition=Q(organization__isnull=False),
                name="conflict_unique_organization",
            ),
            models.UniqueConstraint(
                fields=["application", "reviewer", "source"],
                condition=Q(organization__isnull=True),
                name="conflict_unique_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ✕ {self.application}"


class Review(Timestamped):
    """A reviewer's scoring of an application on the call's grid. A draft counts in no total;
    a submitted review does unless its reviewer is in conflict."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="funding_reviews",
    )
    comment = models.TextField(_("overall comment"), blank=True)
    # The weighted total out of 100, kept when the review is submitted (`services.reviews`).
    total = models.DecimalField(
        _("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_unique_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application}"


class Score(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Recommendation(Timestamped):
    """The review committee's recommendation on a call's applications, taken to a consent
    decision (`process`); once consented, each line sets its application's result."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="recommendations"
    )
    process = models.OneToOneField(
        "decisions.Process",
        verbose_name=_("decision process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_recommendation",
    )
    note = models.TextField(_("note"), blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    created_by = user_reference(_("prepared by"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.call)


class Outcome(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    WAITING_LIST = "waiting_list", _("Waiting list")
    DECLINE = "decline", _("Decline")


class RecommendationLine(models.Model):
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="recommendation_lines",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    amount = money(_("amount"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    reasons = models.TextField(_("reasons given to the applicant"), blank=True)

    class Meta:
        verbose_name = _("recommendation line")
        verbose_name_plural = _("recommendation lines")
        ordering = ["recommendation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "application"], name="recommendation_line_unique"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="accept") | Q(amount__gt=0),
                name="recommendation_accept_has_amount",
                violation_error_message=_("An accepted project needs an amount."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"
