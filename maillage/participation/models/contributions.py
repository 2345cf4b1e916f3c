"""Citizen proposals, their comments and supports, reports of abuse, moderators and followers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.core.uploads import private_storage
from maillage.governance.models import Circle, Workstream
from maillage.governance.models._common import exactly_one, owner_reference
from maillage.participation.models._common import Channel, Contribution, contribution_constraints
from maillage.participation.models.consultations import Consultation
from maillage.participation.models.trail import Routed, routed_constraints
from maillage.territories.models import Territory


def proposal_image_path(proposal: Proposal, filename: str) -> str:
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"participation/{proposal.consultation_id}/{uuid.uuid4().hex}.{extension}"


class Proposal(Routed, Contribution):
    """A citizen's proposal in a consultation. Its supports are counted in `support_count`,
    kept exact by the support services (one `Support` row per account)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"))
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # Served only by a permission-checked view (hidden proposals keep their image to themselves).
    image = models.FileField(
        _("image"),
        upload_to=proposal_image_path,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    image_description = models.CharField(_("image description"), max_length=300, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "-created_at"], name="proposal_latest")]
        constraints = [
            *contribution_constraints("proposal"),
            *routed_constraints("proposal"),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_description=""),
                name="proposal_image_described",
                violation_error_message=_("An image comes with a short description of it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(Contribution):
    """A comment on a proposal, or a reply to a comment (one level of replies)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "created_at"], name="comment_thread")]
        constraints = [*contribution_constraints("comment")]

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    """One account's support of a proposal, or one gathered in person (no account, recorded by
    someone, with the consent given). Withdrawing deletes the row."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_supports",
    )
    channel = models.CharField(
        _("gathered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    recorded_by = user_reference(_("recorded by"))
    consent = models.TextField(_("consent given"), blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "account"],
                name="support_once_per_account",
                violation_error_message=_("You already support this proposal."),
            ),
            models.CheckConstraint(
                condition=(Q(channel=Channel.ONLINE) & Q(account__isnull=False))
                | (~Q(channel=Channel.ONLINE) & Q(account__isnull=True) & ~Q(consent="")),
                name="support_online_or_in_person",
                violation_error_message=_(
                    "A support is given online by an account, or gathered in person with the "
                    "consent given."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.pk}"


class ReportReason(models.TextChoices):
    DISRESPECT = "disrespect", _("Insulting, hateful or disrespectful")
    PERSONAL = "personal", _("Reveals someone's personal information")
    SPAM = "spam", _("Advertising or spam")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Other")


class Report(Timestamped):
    """A person's report of a proposal or a comment that may break the code of conduct. Handled
    when a moderator hides the contribution or dismisses the report."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="participation_reports",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = user_reference(_("handled by"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("proposal", "comment"),
                name="report_one_contribution",
                violation_error_message=_("A report concerns one proposal or one comment."),
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=Q(handled_at__isnull=True),
                name="report_once_per_proposal",
                violation_error_message=_("You have already reported this proposal."),
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(handled_at__isnull=True),
                name="report_once_per_comment",
                violation_error_message=_("You have already reported this comment."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class Moderator(Timestamped):
    """A member of a circle or a workstream named to moderate its consultations (staff moderate
    every consultation without being named)."""

    circle = owner_reference(Circle, _("circle"), "participation_moderators")
    workstream = owner_reference(Workstream, _("workstream"), "participation_moderators")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="moderates",
    )
    named_by = user_reference(_("named by"))

    class Meta:
        verbose_name = _("moderator")
        verbose_name_plural = _("moderators")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="moderator_circle_xor_workstream",
                violation_error_message=_("A moderator moderates a circle or a workstream."),
            ),
            models.UniqueConstraint(
                fields=["circle", "account"],
                name="moderator_once_per_circle",
                violation_error_message=_("This person already moderates this circle."),
            ),
            models.UniqueConstraint(
                fields=["workstream", "account"],
                name="moderator_once_per_workstream",
                violation_error_message=_("This person already moderates this workstream."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.account)


class Follow(models.Model):
    """An account that asked to be told when a proposal or a consultation moves on its trail."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="participation_follows",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("proposal", "consultation"),
                name="follow_one_input",
                violation_error_message=_("One follows a proposal or a consultation."),
            ),
            models.UniqueConstraint(
                fields=["account", "proposal"], name="follow_once_per_proposal"
            ),
            models.UniqueConstraint(
                fields=["account", "consultation"], name="follow_once_per_consultation"
            ),
        ]

    def __str__(self) -> str:
        return str(self.account)
