"""Applications: the project an organization proposes, its budget, documents and revisions,
and the conversation around it."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.core.uploads import private_storage
from maillage.funding.models._common import money
from maillage.funding.models.calls import Call, RequiredAttachment
from maillage.funding.models.funds import Envelope
from maillage.funding.workflows import APPLICATION
from maillage.governance.models import Strategy
from maillage.network.models import Organization
from maillage.territories.models import Territory


class Stage(models.TextChoices):
    INTENTION = "intention", _("Intention")
    FULL = "full", _("Full application")


class Application(Timestamped):
    """An organization's application to a call. Its content (`answers` by section key, the
    budget, the documents) is edited while its state is editable; each submission keeps a
    `Revision`."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("applying organization"),
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    co_applicants = models.ManyToManyField(
        Organization,
        verbose_name=_("co-applicant organizations"),
        related_name="co_applications",
        blank=True,
    )
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    amount_requested = money(_("amount requested"), null=True, blank=True)
    start_date = models.DateField(_("project start"), null=True, blank=True)
    end_date = models.DateField(_("project end"), null=True, blank=True)
    territories = models.ManyToManyField(
        Territory,
        verbose_name=_("territories served"),
        related_name="funding_applications",
        blank=True,
    )
    populations = models.TextField(_("populations served"), blank=True)
    strategies = models.ManyToManyField(
        Strategy,
        verbose_name=_("strategies"),
        related_name="funding_applications",
        blank=True,
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FULL)
    state = models.CharField(_("state"), max_length=32, default=APPLICATION.initial, db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The envelope it would draw on, chosen by staff at screening.
    envelope = models.ForeignKey(
        Envelope,
        verbose_name=_("envelope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The result, set by the committee's decision.
    amount_granted = money(_("amount granted"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    decision_reasons = models.TextField(_("reasons given to the applicant"), blank=True)
    created_by = user_reference(_("started by"))

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["call", "state"], name="application_call_state"),
            models.Index(fields=["state", "-submitted_at"], name="application_state_submitted"),
            # The staff's table, newest submissions first: a page of it reads 60 rows of the
            # index instead of sorting every application.
            models.Index(fields=["-submitted_at", "-id"], name="application_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="application_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def state_label(self) -> str:
        return str(APPLICATION.label(self.state))

    @property
    def public_state_label(self) -> str:
        return str(APPLICATION.label(self.state, public=True))


class ExpenseCategory(models.TextChoices):
    SALARIES = "salaries", _("Salaries and benefits")
    FEES = "fees", _("Professional fees")
    ACTIVITIES = "activities", _("Activities and participants' costs")
    MATERIALS = "materials", _("Materials and supplies")
    PREMISES = "premises", _("Premises")
    TRAVEL = "travel", _("Travel")
    COMMUNICATION = "communication", _("Communication")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """An expense of the project's budget."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    category = models.CharField(_("category"), max_length=16, choices=ExpenseCategory.choices)
    description = models.CharField(_("description"), max_length=255)
    amount = money(_("amount"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.description


class SourceStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REQUESTED = "requested", _("Requested")


class OtherFunding(models.Model):
    """Another source of funding for the project, confirmed or requested."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="other_funding",
    )
    source = models.CharField(_("source"), max_length=200)
    amount = money(_("amount"))
    status = models.CharField(_("status"), max_length=16, choices=SourceStatus.choices)

    class Meta:
        verbose_name = _("other funding source")
        verbose_name_plural = _("other funding sources")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.source


class Attachment(models.Model):
    """A document of an application, kept in the private storage."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    required = models.ForeignKey(
        RequiredAttachment,
        verbose_name=_("required document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="funding/attachments/%Y/%m/", storage=private_storage, max_length=255
    )
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = user_reference(_("added by"))
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.title


class Revision(models.Model):
    """What an application said when it was submitted: one per submission, compared with the
    one before it."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("number"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    content = models.JSONField(_("content"))
    submitted_by = user_reference(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="revision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} r{self.number}"


class Comment(models.Model):
    """A comment on an application: internal (staff and reviewers not excluded) or shared with
    the applicant."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = user_reference(_("author"))
    text = models.TextField(_("comment"))
    shared = models.BooleanField(_("shared with the applicant"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
