"""Invitations by e-mail to join a workstream."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.models import user_reference
from maillage.governance.models.memberships import Membership
from maillage.governance.models.workstreams import Workstream


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
    # With the secret key, gives back the token (`selectors.invitation_token`), so the e-mail can
    # be sent by a task without the token itself being stored anywhere.
    token_salt = models.CharField(max_length=32, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    created_by = user_reference(_("sent by"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = user_reference(_("accepted by"))
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
