"""The register of confidentiality incidents (Law 25, s. 3.5 to 3.8): every incident is kept,
whether or not it presents a risk of serious injury, with what was done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped


class Incident(Timestamped):
    occurred_on = models.DateField(
        _("occurred on"), null=True, blank=True, help_text=_("Leave empty when unknown.")
    )
    discovered_on = models.DateField(_("discovered on"))
    nature = models.TextField(
        _("nature of the incident"),
        help_text=_("Access, use or disclosure not authorized by law, loss, other breach."),
    )
    information = models.TextField(_("personal information concerned"))
    people_count = models.PositiveIntegerField(
        _("number of people concerned"), null=True, blank=True
    )
    people_description = models.TextField(_("people concerned"), blank=True)
    serious_risk = models.BooleanField(_("risk of serious injury"), default=False)
    risk_reasoning = models.TextField(
        _("assessment of the risk"),
        help_text=_("The sensitivity of the information, its likely misuse and its consequences."),
    )
    commission_notified_on = models.DateField(
        _("Commission d'accès à l'information notified on"), null=True, blank=True
    )
    people_notified_on = models.DateField(_("people concerned notified on"), null=True, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")
        ordering = ["-discovered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_on__isnull=True) | Q(occurred_on__lte=F("discovered_on")),
                name="privacy_incident_occurred_before_discovered",
            )
        ]

    def __str__(self) -> str:
        return str(_("Incident no. %(number)s") % {"number": self.pk})
