"""The register: what a closed process decided, and the structural changes it carries."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped
from maillage.decisions.models.processes import Process, ProcessKind, Visibility
from maillage.governance.models import Circle, Workstream
from maillage.governance.models._common import exactly_one, owner_reference


class MeetingQuorum(models.TextChoices):
    """Whether the meeting in which a decision was taken had its quorum."""

    MET = "met", _("Quorum reached")
    NOT_MET = "not_met", _("Quorum not reached")
    UNKNOWN = "unknown", _("Attendance not recorded")


class Decision(Timestamped):
    """An entry of the register: what a closed process decided, why, and who took part.

    `participation` keeps, as the process closed, each voice and how it answered (names and
    organizations as they were then), so the register still says who decided after people and
    seats change."""

    process = models.OneToOneField(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="decision"
    )
    circle = owner_reference(Circle, _("circle"), "decisions")
    workstream = owner_reference(Workstream, _("workstream"), "decisions")
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    kind = models.CharField(_("process followed"), max_length=16, choices=ProcessKind.choices)
    participation = models.JSONField(_("participation"), default=list, blank=True)
    decided_at = models.DateTimeField(_("decided"))
    effective_date = models.DateField(_("effective date"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    # The meeting in which the decision was taken and whether it had its quorum, filled by the
    # meetings app (above this one, so named without knowing its model: id and title); blank
    # when the decision was not taken in a meeting.
    meeting_id_ref = models.PositiveBigIntegerField(_("meeting"), null=True, blank=True)
    meeting_title = models.CharField(_("taken in the meeting"), max_length=255, blank=True)
    meeting_quorum = models.CharField(
        _("quorum of the meeting"), max_length=8, choices=MeetingQuorum.choices, blank=True
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["visibility", "-decided_at"], name="decision_register")]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="decision_circle_xor_workstream",
                violation_error_message=_("A decision belongs either to a circle or a workstream."),
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True)
                | Q(review_date__gte=models.F("effective_date")),
                name="decision_review_after_effect",
                violation_error_message=_("A decision is reviewed after it takes effect."),
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
    def without_quorum(self) -> bool:
        """Taken in a meeting whose quorum was not reached."""
        return self.meeting_quorum == MeetingQuorum.NOT_MET


class StructuralChange(models.Model):
    """A change of the collaboration model a proposal carries, applied once consented.

    `action` and `params` are a governance change (`governance.changes`: "workstream.create" now;
    "circle.create", "role.amend", "policy.adopt" share the same form), validated when added and
    replayed through governance's services when the decision is taken."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="changes"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    action = models.CharField(_("change"), max_length=64)
    params = models.JSONField(_("parameters"), default=dict)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    # What applying it created or changed, named without knowing its model.
    result_type = models.CharField(_("result type"), max_length=64, blank=True)
    result_id = models.CharField(_("result"), max_length=64, blank=True)
    result_repr = models.CharField(_("result name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("structural change")
        verbose_name_plural = _("structural changes")
        ordering = ["process", "position", "pk"]

    def __str__(self) -> str:
        return self.action

    @property
    def change(self) -> dict[str, object]:
        return {"action": self.action, "params": self.params}
