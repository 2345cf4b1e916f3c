"""The influence trail: where a citizen input was sent, what became of it and why.

A proposal and a consultation's synthesis are each routed to a circle or a workstream and carry
a public status (`workflows.TRAIL`). "Taken up" points to the decision process or register entry
of the decisions app that took it up, and to the workstream that carries it. Each change of
status is kept as a `TrailEntry`, the public history of the input."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import user_reference
from maillage.decisions.models import Decision, Process
from maillage.governance.models import Circle, Workstream


class TrailStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_STUDY = "under_study", _("Under study")
    TAKEN_UP = "taken_up", _("Taken up in a decision")
    DONE = "done", _("Done")
    NOT_RETAINED = "not_retained", _("Not retained")


class Routed(models.Model):
    """An input with a place on the influence trail."""

    routed_circle = models.ForeignKey(
        Circle,
        verbose_name=_("routed to the circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_%(class)ss",
    )
    routed_workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("routed to the workstream"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_%(class)ss",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TrailStatus.choices,
        default=TrailStatus.RECEIVED,
        db_index=True,
    )
    # Written by the circle for the public: why it was taken up, or why not.
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    process = models.ForeignKey(
        Process,
        verbose_name=_("decision process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taken_up_%(class)ss",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taken_up_%(class)ss",
    )
    carried_by = models.ForeignKey(
        Workstream,
        verbose_name=_("carried by the workstream"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def routed_to(self) -> Circle | Workstream | None:
        return self.routed_circle if self.routed_circle_id else self.routed_workstream


def routed_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Routed to one group at most, and never "not retained" without a reason."""
    return [
        models.CheckConstraint(
            condition=Q(routed_circle__isnull=True) | Q(routed_workstream__isnull=True),
            name=f"{prefix}_routed_once",
            violation_error_message=_(
                "An input is routed to one circle or one workstream, not both."
            ),
        ),
        models.CheckConstraint(
            condition=~Q(status=TrailStatus.NOT_RETAINED) | ~Q(status_reason=""),
            name=f"{prefix}_not_retained_reason",
            violation_error_message=_("An input not retained always says why."),
        ),
    ]


class TrailEntry(models.Model):
    """One step of an input's public history: its new status, the reason given, and the decision
    it points to."""

    proposal = models.ForeignKey(
        "participation.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="trail",
    )
    consultation = models.ForeignKey(
        "participation.Consultation",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="trail",
    )
    status = models.CharField(_("status"), max_length=16, choices=TrailStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    routed_circle = models.ForeignKey(
        Circle,
        verbose_name=_("routed to the circle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routed_workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("routed to the workstream"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("decision process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = user_reference(_("by"))
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of the influence trail")
        verbose_name_plural = _("steps of the influence trail")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(proposal__isnull=False) & Q(consultation__isnull=True))
                | (Q(proposal__isnull=True) & Q(consultation__isnull=False)),
                name="trail_entry_one_input",
                violation_error_message=_("A step of the trail belongs to one input."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_status_display()
