"""Consent per purpose: a history of what each account said, the latest record in force.

Privacy by default (Law 25, s. 9.1): an account without a record for a purpose has not given
its consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """The purposes an account consents to, one by one (stable keys, stored)."""

    PUBLIC_DIRECTORY = "public_directory", _("Appear in the public directory")
    NEWSLETTER = "newsletter", _("Receive the newsletter")
    PARTNER_CONTACT = "partner_contact", _("Be contacted by partners")
    PHOTOGRAPHS = "photographs", _("Be photographed at events")


# What each purpose means, beside its checkbox.
EXPLANATIONS = {
    Purpose.PUBLIC_DIRECTORY: _(
        "Your name and your function appear on the public pages of your organization, for "
        "every visitor. Without it, only partner members and the coordination team see them."
    ),
    Purpose.NEWSLETTER: _(
        "The collective's newsletter by e-mail: news, events and calls for projects. At most a "
        "few a month."
    ),
    Purpose.PARTNER_CONTACT: _(
        "The coordination team may give your work contact details to a partner organization of "
        "the collective that wishes to reach you about its work."
    ),
    Purpose.PHOTOGRAPHS: _(
        "At the collective's events, you may appear in photographs published on the site or in "
        "the newsletter."
    ),
}


class Consent(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    given = models.BooleanField(_("given"))
    at = models.DateTimeField(_("on"), default=timezone.now)
    # The policy in force when the person answered: what they were told.
    policy_version = models.ForeignKey(
        "privacy.PolicyVersion",
        verbose_name=_("policy version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["purpose", "account", "at"], name="consent_latest")]

    def __str__(self) -> str:
        return f"{self.account} · {self.get_purpose_display()} · {self.given}"
