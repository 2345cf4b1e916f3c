"""A process: its kind, mode and visibility, and the versions of its proposal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.decisions.workflows import WORKFLOWS
from maillage.governance.models import Circle, Workstream
from maillage.governance.models._common import exactly_one, owner_reference


class ProcessKind(models.TextChoices):
    CONSENT = "consent", _("Consent decision")
    ELECTION = "election", _("Election without candidates")
    ADVICE = "advice", _("Advice process")
    POLL = "poll", _("Poll")


class ProcessMode(models.TextChoices):
    LIVE = "live", _("In a meeting (live)")
    ASYNC = "async", _("Asynchronous, with a deadline")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class Process(Timestamped):
    """A proposal on its way to a decision, in a circle or a workstream."""

    kind = models.CharField(
        _("process"), max_length=16, choices=ProcessKind.choices, default=ProcessKind.CONSENT
    )
    circle = owner_reference(Circle, _("circle"), "decision_processes")
    workstream = owner_reference(Workstream, _("workstream"), "decision_processes")
    title = models.CharField(_("title"), max_length=255)
    # The proposal as it stands; each amendment keeps the earlier text as a `ProposalVersion`.
    proposal = models.TextField(_("proposal"))
    rationale = models.TextField(_("rationale"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # When the decision, once taken, is to be reviewed.
    review_date = models.DateField(_("review date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=32, default="draft", db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=8, choices=ProcessMode.choices, default=ProcessMode.ASYNC
    )
    # When the open consent round of an asynchronous process closes itself.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    facilitator = user_reference(_("facilitator"))
    created_by = user_reference(_("proposed by"))
    # The circle an escalated process was handed to.
    escalated_to = models.ForeignKey(
        Circle,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_processes",
    )

    class Meta:
        verbose_name = _("decision process")
        verbose_name_plural = _("decision processes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "deadline"], name="process_state_deadline")]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="process_circle_xor_workstream",
                violation_error_message=_(
                    "A decision process belongs either to a circle or to a workstream."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group

    @property
    def state_label(self) -> str:
        return str(WORKFLOWS[self.kind].label(self.state))


class ProposalVersion(models.Model):
    """A text the proposal had: version 1 as presented, then one per amendment."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = user_reference(_("written by"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="proposal_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} — v{self.number}"
