"""Circles' policies and their versions."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.governance.models.circles import Circle


class PolicyStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    UNDER_REVIEW = "under_review", _("Under review")
    RETIRED = "retired", _("Retired")


class Policy(Timestamped):
    """A circle's policy. Every amendment keeps the earlier text as a `PolicyVersion`."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.PROTECT, related_name="policies"
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"), default=timezone.localdate)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.ACTIVE
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PolicyStatus.values),
                name="policy_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("adopted_on")),
                name="policy_review_after_adoption",
                violation_error_message=_("A policy cannot be reviewed before it is adopted."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    """One text of a policy: version 1 is the adopted text, each amendment adds the next one."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    note = models.CharField(_("reason for the change"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = user_reference(_("by"))

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "number"],
                name="policy_version_unique_number",
                violation_error_message=_("This version already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"
