"""Circles and their accountabilities."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped
from maillage.governance.models._common import Archivable, QuorumRules, exactly_one
from maillage.governance.models.strategies import Strategy
from maillage.network.models import Sector
from maillage.territories.models import Territory


class CircleMode(models.TextChoices):
    # How one becomes a member: by the circle's decision (by consent), or by joining.
    CONSENT = "consent", _("by decision of the circle")
    OPEN = "open", _("open to partner members")


class Circle(Archivable, QuorumRules, Timestamped):
    """A circle: a purpose, domains, accountabilities, a parent circle, roles and policies.

    Exactly one circle, the general circle, has no parent; it cannot be archived.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="circles", blank=True
    )
    levels = models.JSONField(_("levels"), default=list, blank=True)
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), related_name="circles", blank=True
    )
    # The sectors its purpose calls for: its balance says which are missing (none: every sector).
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors to bring together"), related_name="circles", blank=True
    )
    mode = models.CharField(
        _("membership"), max_length=16, choices=CircleMode.choices, default=CircleMode.CONSENT
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["name"]
        constraints = [
            # Every circle without a parent gets the same value: at most one general circle.
            models.UniqueConstraint(
                Coalesce("parent", Value(0)),
                condition=Q(parent__isnull=True),
                name="circle_single_general",
                violation_error_message=_("There is already a general circle."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="circle_not_own_parent",
                violation_error_message=_("A circle cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(archived_at__isnull=True),
                name="circle_general_not_archived",
                violation_error_message=_("The general circle cannot be archived."),
            ),
            models.CheckConstraint(
                condition=Q(mode__in=CircleMode.values),
                name="circle_mode_valid",
                violation_error_message=_("Unknown mode."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_general(self) -> bool:
        return self.parent_id is None


class Accountability(models.Model):
    """One accountability (*redevabilité*) of a circle or of a role."""

    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accountabilities",
    )
    role = models.ForeignKey(
        "governance.Role",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accountabilities",
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("accountability")
        verbose_name_plural = _("accountabilities")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "role"),
                name="accountability_circle_xor_role",
                violation_error_message=_(
                    "An accountability belongs either to a circle or to a role."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text
