"""An election without candidates: the role and term it fills, the nominations each participant
gives (and changes), the person proposed and the one elected."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.decisions.models.processes import Process
from maillage.decisions.models.rounds import Recorded, recorder_named
from maillage.governance.models import Role, RoleAssignment
from maillage.network.models import Person


class Election(models.Model):
    """What an election process (`Process.kind` "election") fills: a role of its circle or
    workstream, until `term_end` (or the role's own term when it is empty)."""

    process = models.OneToOneField(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="election"
    )
    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="elections"
    )
    term_end = models.DateField(_("end of the term"), null=True, blank=True)
    # Who the facilitator proposes, and why (most named or best argued).
    candidate = models.ForeignKey(
        Person,
        verbose_name=_("person proposed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidate_reason = models.TextField(_("why this person"), blank=True)
    # The assignment the election made, once elected.
    assignment = models.OneToOneField(
        RoleAssignment,
        verbose_name=_("role assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="election",
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return str(self.process)


class NominationPhase(models.TextChoices):
    NOMINATION = "nomination", _("Nomination")
    CHANGE = "change", _("Change")


class Nomination(Recorded):
    """A person named by a participant, with a reason: in the nominations, then (only when they
    change their mind) in the change round."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="nominations"
    )
    phase = models.CharField(_("phase"), max_length=16, choices=NominationPhase.choices)
    nominator = models.ForeignKey(
        Person, verbose_name=_("named by"), on_delete=models.PROTECT, related_name="+"
    )
    nominee = models.ForeignKey(
        Person, verbose_name=_("person named"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["process", "phase", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "phase", "nominator"], name="nomination_one_per_phase"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="nomination_has_reason",
                violation_error_message=_("A nomination states its reason."),
            ),
            models.CheckConstraint(
                condition=~Q(nominator=models.F("nominee")),
                name="nomination_not_oneself",
                violation_error_message=_("Nobody nominates themselves."),
            ),
            recorder_named(
                "nomination_offline_has_recorder",
                _("A nomination given offline names who recorded it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominator} → {self.nominee}"
