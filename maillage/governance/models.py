"""The collaboration model: circles, workstreams (*chantiers*), roles, memberships, policies.

Models hold data and invariants only. Every write goes through ``services.py``, which keeps the
double links consistent and records the history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maillage.governance.workflows import RUNNING_STATES, WORKSTREAM
from maillage.network.models import Person, Seat
from maillage.territories.models import Territory


def _english() -> bool:
    return (get_language() or "").startswith("en")


class Strategy(models.Model):
    """One of the four strategies of the collective, a taxonomy used across the platform."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["position", "name_fr"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if _english() else self.name_fr

    @property
    def description(self) -> str:
        return self.description_en if _english() else self.description_fr


class CircleMode(models.TextChoices):
    CONSENT = "consent", _("Consent")
    OPEN = "open", _("Open")


class Circle(models.Model):
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
    mode = models.CharField(
        _("mode"), max_length=16, choices=CircleMode.choices, default=CircleMode.CONSENT
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Workstream(models.Model):
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
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
    def is_archived(self) -> bool:
        return self.archived_at is not None

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


class Deliverable(models.Model):
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"), null=True, blank=True)
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


class RoleKind(models.TextChoices):
    LEAD = "lead", _("Lead link (premier lien)")
    DELEGATE = "delegate", _("Delegate (second lien)")
    FACILITATOR = "facilitator", _("Facilitator")
    SECRETARY = "secretary", _("Secretary")
    CUSTOM = "custom", _("Other role")


# Built-in kinds have a single holder at a time; a custom role may have several.
SINGLE_HOLDER_KINDS = (RoleKind.LEAD, RoleKind.DELEGATE, RoleKind.FACILITATOR, RoleKind.SECRETARY)
# Kinds that may amend the circle's policies unless the circle decides otherwise.
POLICY_KINDS = (RoleKind.LEAD, RoleKind.SECRETARY)


class Role(models.Model):
    """A role in a circle or in a workstream (never both)."""

    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=RoleKind.choices, default=RoleKind.CUSTOM
    )
    elected = models.BooleanField(_("elected"), default=False)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), null=True, blank=True)
    may_amend_policies = models.BooleanField(_("may amend the circle's policies"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(circle__isnull=False) & Q(workstream__isnull=True))
                | (Q(circle__isnull=True) & Q(workstream__isnull=False)),
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
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def single_holder(self) -> bool:
        return self.kind in SINGLE_HOLDER_KINDS


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
        Role,
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
                condition=(Q(circle__isnull=False) & Q(role__isnull=True))
                | (Q(circle__isnull=True) & Q(role__isnull=False)),
                name="accountability_circle_xor_role",
                violation_error_message=_(
                    "An accountability belongs either to a circle or to a role."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class RoleAssignment(models.Model):
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
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

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

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


class MembershipKind(models.TextChoices):
    MEMBER = "member", _("Member")
    EXTERNAL = "external", _("External actor")
    GUEST = "guest", _("Guest")


class MembershipSource(models.TextChoices):
    DIRECT = "direct", _("Direct")
    LINK = "link", _("Double link")


class EndReason(models.TextChoices):
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")
    LINK_ENDED = "link_ended", _("Double link ended")
    CLOSED = "closed", _("Circle or workstream archived")


class Membership(models.Model):
    """A person is a member of a circle or of a workstream. Never deleted: ending is recorded.

    `source` is "link" when the membership comes from a double link; `assignment` is then the
    role assignment that makes it, and the services start and end it with that assignment.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
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
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(circle__isnull=False) & Q(workstream__isnull=True))
                | (Q(circle__isnull=True) & Q(workstream__isnull=False)),
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
                violation_error_message=_("A double-link membership comes from a role."),
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
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(ended_at__isnull=True) & Q(source=MembershipSource.LINK),
                name="membership_one_open_link_per_assignment",
                violation_error_message=_("This double link already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.circle or self.workstream}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group


class PolicyStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    UNDER_REVIEW = "under_review", _("Under review")
    RETIRED = "retired", _("Retired")


class Policy(models.Model):
    """A circle's policy. Every amendment keeps the earlier text as a `PolicyVersion`."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.PROTECT, related_name="policies"
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"), default=timezone.localdate)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.ACTIVE
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PolicyStatus.values),
                name="policy_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("adopted_on")),
                name="policy_review_after_adoption",
                violation_error_message=_("A policy cannot be reviewed before it is adopted."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    """One text of a policy: version 1 is the adopted text, each amendment adds the next one."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    note = models.CharField(_("reason for the change"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "number"],
                name="policy_version_unique_number",
                violation_error_message=_("This version already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class InvitationKind(models.TextChoices):
    EXTERNAL = "external", _("External actor")
    GUEST = "guest", _("Guest")


class Invitation(models.Model):
    """An invitation by e-mail to join a workstream. Only the token's SHA-256 hash is stored."""

    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=InvitationKind.choices, default=InvitationKind.EXTERNAL
    )
    message = models.TextField(_("message"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
                violation_error_message=_("An invitation cannot be both accepted and revoked."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=InvitationKind.values),
                name="invitation_kind_valid",
                violation_error_message=_("Unknown kind of invitation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.workstream}"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


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
