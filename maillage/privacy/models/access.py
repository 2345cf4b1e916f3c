"""The record of who saw or exported people's contact details, and when (the person in charge
answers "who had access to my information?" and notices an unusual export)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    LIST_VIEWED = "list", _("list viewed")
    EXPORT_CSV = "csv", _("CSV export")
    EXPORT_XLSX = "xlsx", _("XLSX export")
    PERSON_VIEWED = "person", _("person's page viewed")


class ContactAccess(models.Model):
    """One page or file that showed contact details. Written by the page's own request in one
    INSERT, without an audit event: this record is the log."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("what"), max_length=8, choices=AccessKind.choices)
    count = models.PositiveIntegerField(_("number of people"), default=0)
    # The filter or search used, or the page's subject, as its URL's query names it.
    detail = models.CharField(_("query or filter"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access to contact details")
        verbose_name_plural = _("accesses to contact details")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["account", "-at"], name="privacy_access_account_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"
