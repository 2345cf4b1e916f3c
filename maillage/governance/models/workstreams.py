"""Workstreams (*chantiers*) and their deliverables."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped
from maillage.governance.models._common import Archivable, QuorumRules
from maillage.governance.models.circles import Circle
from maillage.governance.models.strategies import Strategy
from maillage.governance.workflows import RUNNING_STATES, WORKSTREAM
from maillage.network.models import Person, Sector
from maillage.territories.models import Territory


class Workstream(Archivable, QuorumRules, Timestamped):
    """A *chantier*: a mandate with a sunset date, sponsored by one circle or more."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    mandate = models.TextField(_("mandate"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    sunset_date = models.DateField(_("sunset date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=WORKSTREAM.choices, default=WORKSTREAM.initial
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    sponsors = models.ManyToManyField(
        Circle, verbose_name=_("sponsoring circles"), related_name="sponsored_workstreams"
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="workstreams", blank=True
    )
    levels = models.JSONField(_("levels"), default=list, blank=True)
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), related_name="workstreams", blank=True
    )
    # The sectors its purpose calls for: its balance says which are missing (none: every sector).
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors to bring together"), related_name="workstreams", blank=True
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=WORKSTREAM.keys),
                name="workstream_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(sunset_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(sunset_date__gte=F("start_date")),
                name="workstream_sunset_after_start",
                violation_error_message=_("A workstream cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATES

    @property
    def past_sunset(self) -> bool:
        """A running workstream whose sunset date has passed is flagged."""
        return (
            self.is_running
            and self.sunset_date is not None
            and self.sunset_date < timezone.localdate()
        )

    def get_status_display_label(self) -> str:
        return str(WORKSTREAM.state(self.status).label)


class Deliverable(Timestamped):
    """What a workstream is to deliver, by when, and who carries it (`owner`, one of its
    members)."""

    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables_owned",
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=True) | Q(done_at__isnull=True),
                name="deliverable_done_at_when_done",
                violation_error_message=_("Only a done deliverable has a completion date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
