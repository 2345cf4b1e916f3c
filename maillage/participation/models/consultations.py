"""A consultation: a question put to citizens by a circle or a workstream, in dated phases."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, in_language, user_reference
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.governance.models._common import exactly_one, owner_reference
from maillage.participation.models.trail import Routed, routed_constraints
from maillage.territories.models import Territory


class PhaseKind(models.TextChoices):
    """The phases of a consultation, in their order."""

    INFORMATION = "information", _("Information")
    CONTRIBUTIONS = "contributions", _("Contributions")
    ANALYSIS = "analysis", _("Analysis")
    REPORT = "report", _("Report back")


PHASE_ORDER = tuple(PhaseKind.values)


class Consultation(Routed, Timestamped):
    """A question or a theme on which the collective asks citizens' views. It is owned by the
    circle or workstream that asked, and its synthesis is routed and followed like a proposal
    (`Routed`). Unpublished, only its owners and staff see it."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    question_fr = models.TextField(_("question (French)"))
    question_en = models.TextField(_("question (English)"), blank=True)
    circle = owner_reference(Circle, _("circle"), "consultations")
    workstream = owner_reference(Workstream, _("workstream"), "consultations")
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="consultations", blank=True
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), related_name="consultations", blank=True
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The report back: what was heard, what was decided, what was not and why.
    heard_fr = models.TextField(_("what we heard (French)"), blank=True)
    heard_en = models.TextField(_("what we heard (English)"), blank=True)
    decided_fr = models.TextField(_("what was decided (French)"), blank=True)
    decided_en = models.TextField(_("what was decided (English)"), blank=True)
    not_retained_fr = models.TextField(_("what was not retained, and why (French)"), blank=True)
    not_retained_en = models.TextField(_("what was not retained, and why (English)"), blank=True)
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="consultation_circle_xor_workstream",
                violation_error_message=_(
                    "A consultation belongs either to a circle or to a workstream."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="consultation_ends_after_start",
                violation_error_message=_("A consultation ends after it starts."),
            ),
            *routed_constraints("consultation"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en or self.title_fr)

    @property
    def question(self) -> str:
        return in_language(self.question_fr, self.question_en or self.question_fr)

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Phase(models.Model):
    """One phase of a consultation, with its dates and the text shown while it runs."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="phases",
    )
    kind = models.CharField(_("phase"), max_length=16, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["consultation", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("A phase ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — {self.get_kind_display()}"

    @property
    def text(self) -> str:
        return in_language(self.text_fr, self.text_en or self.text_fr)
