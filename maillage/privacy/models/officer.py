"""The person in charge of the protection of personal information (Law 25, s. 3.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped


class Officer(Timestamped):
    """The person in charge, named by the administrators; one at a time (the latest record).

    Their title and contact are published on the public site and beside every form that collects
    personal information; their account, when they have one, reads the registers."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("person in charge of personal information")
        verbose_name_plural = _("people in charge of personal information")
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title
