"""A person's request about their personal information (Law 25, ss. 27-32): access, correction,
deletion or portability, answered within thirty days."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference

# The legal deadline to answer a request (Law 25, s. 32: thirty days from its receipt).
DEADLINE = timedelta(days=30)


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access to my information")
    CORRECTION = "correction", _("Correction of my information")
    DELETION = "deletion", _("Deletion of my information")
    PORTABILITY = "portability", _("Copy of my information in a structured format")


class Request(Timestamped):
    """One request; its status follows `privacy.workflows.REQUEST`."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="privacy_requests",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RequestKind.choices)
    message = models.TextField(_("message"), blank=True)
    # A deletion only: the person also asked that the free texts they wrote (comments,
    # proposals) be removed, not only their name.
    remove_texts = models.BooleanField(_("also remove the texts I wrote"), default=False)
    status = models.CharField(_("status"), max_length=16, default="received", db_index=True)
    refusal_reason = models.TextField(_("reason of the refusal"), blank=True)
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    handled_by = user_reference(_("handled by"))
    completed_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The day the handlers were last reminded of it, so that running the reminders again the
    # same day sends nothing more.
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("request about personal information")
        verbose_name_plural = _("requests about personal information")
        ordering = ["due_at", "pk"]

    @property
    def status_label(self) -> str:
        from maillage.privacy.workflows import REQUEST

        return str(REQUEST.label(self.status))

    def __str__(self) -> str:
        return _("Request no. %(number)s") % {"number": self.pk}
