"""Memberships of circles and workstreams."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.governance.models._common import exactly_one, owner_reference
from maillage.governance.models.circles import Circle
from maillage.governance.models.roles import RoleAssignment
from maillage.governance.models.workstreams import Workstream
from maillage.network.models import Person, Seat


class MembershipKind(models.TextChoices):
    MEMBER = "member", _("Member")
    EXTERNAL = "external", _("External actor")
    GUEST = "guest", _("Guest")


class MembershipSource(models.TextChoices):
    DIRECT = "direct", _("Direct")
    LINK = "link", _("Ex officio (through a role)")


class EndReason(models.TextChoices):
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")
    LINK_ENDED = "link_ended", _("Role ended")
    CLOSED = "closed", _("Circle or workstream archived")


class Membership(Timestamped):
    """A person is a member of a circle or of a workstream. Never deleted: ending is recorded.

    `source` is "link" when a role makes the membership (its holder is a member *d'office* of the
    role's group, and a delegate also of the parent circle); `assignment` is then the role
    assignment that makes it, and the services start and end it with that assignment.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    circle = owner_reference(Circle, _("circle"), "memberships")
    workstream = owner_reference(Workstream, _("workstream"), "memberships")
    kind = models.CharField(
        _("kind"), max_length=16, choices=MembershipKind.choices, default=MembershipKind.MEMBER
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=MembershipSource.choices,
        default=MembershipSource.DIRECT,
    )
    assignment = models.ForeignKey(
        RoleAssignment,
        verbose_name=_("through the role"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="link_memberships",
    )
    seat = models.ForeignKey(
        Seat,
        verbose_name=_("on behalf of (seat)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=16, choices=EndReason.choices, blank=True
    )
    ended_by = user_reference(_("ended by"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="membership_circle_xor_workstream",
                violation_error_message=_("A membership is either of a circle or of a workstream."),
            ),
            models.CheckConstraint(
                condition=Q(kind=MembershipKind.MEMBER) | Q(workstream__isnull=False),
                name="membership_outsiders_in_workstreams",
                violation_error_message=_(
                    "External actors and guests are members of workstreams, not of circles."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(source=MembershipSource.LINK) & Q(assignment__isnull=False))
                | (Q(source=MembershipSource.DIRECT) & Q(assignment__isnull=True)),
                name="membership_link_has_assignment",
                violation_error_message=_("A membership through a role names its assignment."),
            ),
            models.CheckConstraint(
                condition=(Q(ended_at__isnull=True) & Q(end_reason=""))
                | (Q(ended_at__isnull=False) & ~Q(end_reason="")),
                name="membership_end_has_reason",
                violation_error_message=_("An ended membership says why it ended."),
            ),
            models.UniqueConstraint(
                fields=["person", "circle"],
                condition=Q(ended_at__isnull=True)
                & Q(source=MembershipSource.DIRECT)
                & Q(circle__isnull=False),
                name="membership_one_open_direct_per_circle",
                violation_error_message=_("This person is already a member of this circle."),
            ),
            models.UniqueConstraint(
                fields=["person", "workstream"],
                condition=Q(ended_at__isnull=True)
                & Q(source=MembershipSource.DIRECT)
                & Q(workstream__isnull=False),
                name="membership_one_open_direct_per_workstream",
                violation_error_message=_("This person is already a member of this workstream."),
            ),
            # A delegate's assignment makes two: in its circle and in the parent circle.
            models.UniqueConstraint(
                fields=["assignment", "circle"],
                condition=Q(ended_at__isnull=True)
                & Q(source=MembershipSource.LINK)
                & Q(circle__isnull=False),
                name="membership_one_open_link_per_assignment_circle",
                violation_error_message=_("This role already makes this membership."),
            ),
            models.UniqueConstraint(
                fields=["assignment", "workstream"],
                condition=Q(ended_at__isnull=True)
                & Q(source=MembershipSource.LINK)
                & Q(workstream__isnull=False),
                name="membership_one_open_link_per_assignment_workstream",
                violation_error_message=_("This role already makes this membership."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.circle or self.workstream}"

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group
