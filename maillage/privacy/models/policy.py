"""The privacy policy as versioned content, and each account's acceptance of a version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The longest first line of a block read as its heading.
HEADING_LIMIT = 80


class PolicyVersion(models.Model):
    """One published version of the privacy policy, in French and English; the highest number
    is in force. A version is never changed once published: a correction is a new version, so
    that what each person accepted stays readable."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    changes_fr = models.TextField(_("summary of changes (French)"), blank=True)
    changes_en = models.TextField(_("summary of changes (English)"), blank=True)
    published_at = models.DateTimeField(_("published on"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="policy_number_from_1")
        ]

    def __str__(self) -> str:
        return str(_("Privacy policy, version %(number)d") % {"number": self.number})

    @property
    def text(self) -> str:
        """The text in the page's language (English falls back to French when empty)."""
        return self.text_en if get_language() == "en" and self.text_en else self.text_fr

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The text as (heading, paragraphs) pairs: a block (lines between blank lines) whose
        first line is short and ends without punctuation is headed by that line."""
        sections = []
        for block in self.text.replace("\r\n", "\n").split("\n\n"):
            first, _newline, rest = block.strip().partition("\n")
            if rest and len(first) <= HEADING_LIMIT and first[-1:] not in ".:;,!?":
                sections.append((first, rest.strip()))
            elif block.strip():
                sections.append(("", block.strip()))
        return sections

    @property
    def changes(self) -> str:
        return self.changes_en if get_language() == "en" and self.changes_en else self.changes_fr


class PolicyAcceptance(models.Model):
    """An account accepted a version (at sign-up, or after a change)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="policy_acceptances",
    )
    version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    accepted_at = models.DateTimeField(_("accepted on"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance of the privacy policy")
        verbose_name_plural = _("acceptances of the privacy policy")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "version"], name="policy_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.version}"
