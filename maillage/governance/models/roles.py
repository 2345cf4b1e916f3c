"""Roles of circles and workstreams, and the people who hold them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.governance.models._common import Archivable, exactly_one, owner_reference
from maillage.governance.models.circles import Circle
from maillage.governance.models.workstreams import Workstream
from maillage.network.models import Person, Seat


class RoleKind(models.TextChoices):
    LEAD = "lead", _("Lead link (premier lien)")
    DELEGATE = "delegate", _("Delegate (second lien)")
    FACILITATOR = "facilitator", _("Facilitator")
    SECRETARY = "secretary", _("Secretary")
    CUSTOM = "custom", _("Other role")


# The names the built-in roles get (in the platform's language), a workstream's lead apart: a
# role that keeps its name needs no "(kind)" after it.
BUILTIN_NAMES = {
    RoleKind.LEAD: _("Lead link"),
    RoleKind.DELEGATE: _("Delegate"),
    RoleKind.FACILITATOR: _("Facilitator"),
    RoleKind.SECRETARY: _("Secretary"),
}
WORKSTREAM_LEAD_NAME = _("Workstream lead")

# Built-in kinds have a single holder at a time; a custom role may have several.
SINGLE_HOLDER_KINDS = (RoleKind.LEAD, RoleKind.DELEGATE, RoleKind.FACILITATOR, RoleKind.SECRETARY)
# Kinds that may amend the circle's policies unless the circle decides otherwise.
POLICY_KINDS = (RoleKind.LEAD, RoleKind.SECRETARY)


class Role(Archivable, Timestamped):
    """A role in a circle or in a workstream (never both)."""

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group

    circle = owner_reference(Circle, _("circle"), "roles")
    workstream = owner_reference(Workstream, _("workstream"), "roles")
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=RoleKind.choices, default=RoleKind.CUSTOM
    )
    elected = models.BooleanField(_("elected"), default=False)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), null=True, blank=True)
    may_amend_policies = models.BooleanField(_("may amend the circle's policies"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="role_in_circle_xor_workstream",
                violation_error_message=_("A role belongs either to a circle or to a workstream."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RoleKind.values),
                name="role_kind_valid",
                violation_error_message=_("Unknown kind of role."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.DELEGATE) | Q(circle__isnull=False),
                name="role_delegate_in_circle",
                violation_error_message=_("Only a circle has a delegate (second lien)."),
            ),
            models.CheckConstraint(
                condition=Q(elected=False) | (Q(term_months__isnull=False) & Q(term_months__gt=0)),
                name="role_elected_has_term",
                violation_error_message=_("An elected role needs a term length."),
            ),
            models.UniqueConstraint(
                fields=["circle", "kind"],
                condition=Q(circle__isnull=False)
                & Q(archived_at__isnull=True)
                & ~Q(kind=RoleKind.CUSTOM),
                name="role_one_builtin_per_circle",
                violation_error_message=_("This circle already has a role of this kind."),
            ),
            models.UniqueConstraint(
                fields=["workstream", "kind"],
                condition=Q(workstream__isnull=False)
                & Q(archived_at__isnull=True)
                & ~Q(kind=RoleKind.CUSTOM),
                name="role_one_builtin_per_workstream",
                violation_error_message=_("This workstream already has a role of this kind."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def single_holder(self) -> bool:
        return self.kind in SINGLE_HOLDER_KINDS

    @property
    def has_builtin_name(self) -> bool:
        """Whether the role still has the name its kind gives (pages then need not repeat the
        kind after it)."""
        kind = RoleKind(self.kind)
        names = {
            BUILTIN_NAMES.get(kind),
            WORKSTREAM_LEAD_NAME if kind == RoleKind.LEAD else None,
        }
        with translation.override(settings.LANGUAGE_CODE):
            return self.name in {str(name) for name in names if name is not None}


class RoleAssignment(Timestamped):
    """A person holds a role, possibly on behalf of an organization through a seat."""

    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    seat = models.ForeignKey(
        Seat,
        verbose_name=_("seat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    substitutes = models.ManyToManyField(
        Person,
        verbose_name=_("substitutes"),
        related_name="substitute_role_assignments",
        blank=True,
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = user_reference(_("ended by"))

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "person"],
                condition=Q(ended_at__isnull=True),
                name="assignment_one_open_per_person",
                violation_error_message=_("This person already holds this role."),
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("start_date")),
                name="assignment_term_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role}"
