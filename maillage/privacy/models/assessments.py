"""The privacy impact assessments (Law 25, s. 3.3): a project that collects or uses personal
information is assessed first, and the assessment is kept with the parts of the platform it
covers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped


class Assessment(Timestamped):
    project = models.CharField(_("project"), max_length=200)
    assessed_on = models.DateField(_("assessed on"))
    findings = models.TextField(_("findings"))
    measures = models.TextField(_("measures"), blank=True)
    # The labels of the apps it covers (`AppConfig.label`): a part of the platform is an app, and
    # its label outlives a rename of its title.
    covers = models.JSONField(_("parts of the platform covered"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("privacy impact assessment")
        verbose_name_plural = _("privacy impact assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return self.project
