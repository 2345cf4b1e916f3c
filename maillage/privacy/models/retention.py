"""The log of the retention task: what each run found past its period, and what it removed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention rules (`core.personal.register_retention`). A simulation
    (`dry_run`) lists what is past its period and changes nothing; a real run removes what its
    simulation listed (`simulation`), or what it finds itself, and logs it here.

    `items` is, per rule key, the records listed (a simulation) or removed (a real run), each as
    `{"pk": …, "label": …}` (the label never names a person); `removed` the counts per rule."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    dry_run = models.BooleanField(_("simulation"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    simulation = models.OneToOneField(
        "self",
        verbose_name=_("simulation applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applied_by",
    )
    items = models.JSONField(_("records"), default=dict, blank=True)
    removed = models.JSONField(_("removed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        """What the run listed (a simulation) or removed (a real run)."""
        if self.dry_run:
            return sum(len(listed) for listed in self.items.values())
        return sum(self.removed.values())
