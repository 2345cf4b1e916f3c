from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maillage.core.roles import RANK, Role
from maillage.core.workflows import IMPORT_JOB, WORKING

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def in_language(fr: str, en: str) -> str:
    """The English text when English is active, else the French one (the default language)."""
    return en if (get_language() or "").startswith("en") else fr


class BilingualName:
    """A record named in French and in English (`name_fr`, `name_en`), shown in the active one."""

    name_fr: str
    name_en: str

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)


class Timestamped(models.Model):
    """When a record was created and last changed."""

    created_at = models.DateTimeField(pgettext_lazy("timestamp", "created"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("timestamp", "updated"), auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.CITIZEN)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(Timestamped, AbstractUser):
    """An account. Logs in by e-mail; its person record lives in the network app. Its version
    (`updated_at`) guards the staff's access form against a change made since it was opened."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CITIZEN)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def has_role_at_least(self, role: Role) -> bool:
        return self.is_active and RANK[Role(self.role)] >= RANK[role]


def user_reference(verbose_name: _StrPromise) -> models.ForeignKey[User | None, User | None]:
    """The account that did something to a record (sent, accepted, ended it…). The record outlives
    the account: deleting the account leaves the reference empty."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class AuditEvent(models.Model):
    """One thing that happened, written by a service inside its transaction."""

    actor = user_reference(_("actor"))
    verb = models.CharField(_("verb"), max_length=64)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("target"), max_length=255, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_repr}"


class Notification(models.Model):
    """A message for one user, listed in the app and optionally sent by e-mail."""

    recipient = models.ForeignKey(
        User, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # Kept for the recipient's daily digest instead of e-mailed at once (`emailed_at` once sent).
    in_digest = models.BooleanField(_("in the daily digest"), default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject


class EmailDelivery(models.TextChoices):
    IMMEDIATE = "immediate", _("As they happen")
    DIGEST = "digest", _("In a daily digest")


class NotificationPreference(Timestamped):
    """How an account receives its notifications by e-mail, and in which language the platform
    writes to it. An account without one gets each e-mail as it happens, in the default
    language."""

    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_delivery = models.CharField(
        _("notification e-mails"),
        max_length=16,
        choices=EmailDelivery.choices,
        default=EmailDelivery.IMMEDIATE,
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=16,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_delivery_display()}"


class ImportJob(Timestamped):
    """A file uploaded for import: checked by a task, confirmed by its uploader, applied by a task
    (the workflow `workflows.IMPORT_JOB`). Visible to its uploader only."""

    kind = models.CharField(_("kind"), max_length=64)  # an importer's key (`core.imports`)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    file_name = models.CharField(_("file"), max_length=255)
    # The decoded file, kept only while it may still be imported (it may hold personal data).
    text = models.TextField(_("content"), blank=True)
    # The uploader's language: the task writes the errors in it.
    language = models.CharField(_("language"), max_length=16)
    state = models.CharField(
        _("state"), max_length=16, choices=IMPORT_JOB.choices, default=IMPORT_JOB.initial
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    checked_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # The first errors found ({"line", "column", "message"}); `error_count` counts them all.
    errors = models.JSONField(_("errors found"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["uploaded_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked_rows__lte=models.F("total_rows")),
                name="import_job_progress_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=IMPORT_JOB.keys), name="import_job_known_state"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def working(self) -> bool:
        """A task is at work on it: its report page follows it."""
        return self.state in IMPORT_JOB.keys_tagged(WORKING)


# Roles an invitation may grant: staff and administrators are named by an administrator.
INVITABLE_ROLES = (Role.GUEST, Role.MEMBER)


class PlatformInvitation(Timestamped):
    """An invitation by e-mail to open (or use) an account on the platform with a role, e.g. a
    partner's delegate given a seat. Only the SHA-256 hash of the link's token is stored; the
    salt, signed with the secret key, makes the token again when the e-mail is sent."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role granted"), max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_salt = models.CharField(max_length=32, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    invited_by = user_reference(_("invited by"))
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = user_reference(_("accepted by"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    revoked_by = user_reference(_("withdrawn by"))
    # The record the account is tied to once accepted (a person of the network), named without
    # the core knowing its app.
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(_("for"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("platform invitation")
        verbose_name_plural = _("platform invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email", "accepted_at", "revoked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="platform_invitation_not_accepted_and_revoked",
                violation_error_message=_("An invitation cannot be both accepted and withdrawn."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[role.value for role in INVITABLE_ROLES]),
                name="platform_invitation_role_invitable",
                violation_error_message=_("An invitation grants the guest or member role only."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject_repr or self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
