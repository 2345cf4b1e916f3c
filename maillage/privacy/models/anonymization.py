"""The counter of pseudonyms: "Personne anonymisée n" is never given twice."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PseudonymCounter(models.Model):
    """One row; `last` is the number of the latest pseudonym given. A counter rather than a
    count of anonymized accounts, so that a number is never reused whatever happens to them."""

    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("pseudonym counter")
        verbose_name_plural = _("pseudonym counters")

    def __str__(self) -> str:
        return str(self.last)
