"""An advice process: whom the decision-maker asks (people, whole circles) and the advice given."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.decisions.models.processes import Process
from maillage.decisions.models.rounds import Recorded, recorder_named
from maillage.governance.models import Circle
from maillage.governance.models._common import exactly_one
from maillage.network.models import Person


class AdviceRequest(models.Model):
    """One person, or one whole circle (its members at the time they answer), asked for advice."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="advice_requests",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["process", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("person", "circle"),
                name="advice_request_person_xor_circle",
                violation_error_message=_("Advice is asked of a person or of a circle."),
            ),
            models.UniqueConstraint(
                fields=["process", "person"],
                condition=Q(person__isnull=False),
                name="advice_request_unique_person",
            ),
            models.UniqueConstraint(
                fields=["process", "circle"],
                condition=Q(circle__isnull=False),
                name="advice_request_unique_circle",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.circle)


class Advice(Recorded):
    """The advice a person asked gave: on the platform, or offline and recorded by the
    decision-maker (`recorded_by`)."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="advice"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("advice"))

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["process", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["process", "person"], name="advice_one_per_person"),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="advice_has_text",
                violation_error_message=_("Advice has a text."),
            ),
            recorder_named(
                "advice_offline_has_recorder", _("Advice given offline names who recorded it.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.text[:40]}"
