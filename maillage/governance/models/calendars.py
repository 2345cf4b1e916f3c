"""The governance calendar: reminders sent, and each account's private iCal feed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    POLICY_REVIEW = "policy_review", _("Policy review")
    TERM_END = "term_end", _("Term end")
    SUNSET = "sunset", _("Workstream sunset")


class Reminder(models.Model):
    """A reminder sent about one event of the governance calendar to one person, once."""

    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    event_date = models.DateField(_("date of the event"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="governance_reminders",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "event_date", "recipient"],
                name="reminder_once_per_event_and_recipient",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.event_date}"


class CalendarFeed(models.Model):
    """The private iCal feed of one account. The feed's link is signed with the secret key and a
    salt made of the account and `generation`: resetting the link (a new generation) makes every
    earlier link invalid. No row means generation 0."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="governance_calendar_feed",
    )
    generation = models.PositiveIntegerField(_("generation"), default=0)
    reset_at = models.DateTimeField(_("reset"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} ({self.generation})"
