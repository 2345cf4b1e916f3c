"""What proposals, comments and questionnaire answers share: who wrote them and how they are
shown, whether they were gathered in person, and their moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference


class Signature(models.TextChoices):
    """How a contributor appears to others."""

    NAME = "name", _("Under my name")
    PSEUDONYM = "pseudonym", _("Under a pseudonym")


class Channel(models.TextChoices):
    """Where a contribution was gathered."""

    ONLINE = "online", _("Online")
    MEETING = "meeting", _("At a meeting or a kitchen-table discussion")
    PAPER = "paper", _("On a paper form")
    PHONE = "phone", _("By phone")
    OTHER = "other", _("Other, in person")


class Contribution(Timestamped):
    """A text written by a person, online under their account or gathered in person and recorded
    on their behalf by staff or a partner, with the consent they gave."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature = models.CharField(
        _("shown"), max_length=10, choices=Signature.choices, default=Signature.PSEUDONYM
    )
    # The name shown: a pseudonym, or the name the person gave; never an e-mail or a phone.
    display_name = models.CharField(_("name shown"), max_length=120)
    channel = models.CharField(
        _("gathered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    recorded_by = user_reference(_("recorded by"))
    consent = models.TextField(
        _("consent given"),
        blank=True,
        help_text=_("How the person agreed that their words be recorded and published."),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = user_reference(_("hidden by"))
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def in_person(self) -> bool:
        return self.channel != Channel.ONLINE


def contribution_constraints(prefix: str) -> list[models.BaseConstraint]:
    """A contribution gathered in person says the consent given (who recorded it is required by
    the service, not here: the recorder's account may be deleted later); a hidden one says why."""
    online = Q(channel=Channel.ONLINE)
    return [
        models.CheckConstraint(
            condition=online | ~Q(consent=""),
            name=f"{prefix}_in_person_consent",
            violation_error_message=_("A contribution gathered in person says the consent given."),
        ),
        models.CheckConstraint(
            condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
            name=f"{prefix}_hidden_reason",
            violation_error_message=_("A hidden contribution says why it was hidden."),
        ),
    ]
