"""The regional work plan: a plan answers needs through orientations › objectives › actions;
objectives carry measurable targets and dated progress updates.

A plan and each of its objectives are adopted through a consent decision (decisions app): the
process is linked here and the decision, once taken, marks them adopted.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.core.models import Timestamped, in_language, user_reference
from maillage.decisions.models import Process
from maillage.funding.models import Application
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.network.models import Organization
from maillage.portrait.models import Indicator
from maillage.territories.models import Territory


class Titled(models.Model):
    """A record titled and described in French and in English, shown in the active language."""

    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en or self.title_fr)

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en or self.description_fr)


class Adoptable(models.Model):
    """Adopted through a consent decision: the process that carries it, and when it was
    adopted (set when that process closes into a decision)."""

    adoption_process = models.ForeignKey(
        Process,
        verbose_name=_("adoption process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class Plan(Adoptable, Titled, Timestamped):
    """A regional work plan over a period of years, built on a long-term vision."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    vision_fr = models.TextField(_("vision (French)"), blank=True)
    vision_en = models.TextField(_("vision (English)"), blank=True)
    adoption_process = models.ForeignKey(
        Process,
        verbose_name=_("adoption process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_plans",
    )

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-start_year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lte=F("end_year")),
                name="plan_period_in_order",
                violation_error_message=_("A plan's last year cannot come before its first."),
            ),
        ]

    @property
    def vision(self) -> str:
        return in_language(self.vision_fr, self.vision_en or self.vision_fr)

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"


class Need(Titled, Timestamped):
    """An issue or a need the plan answers, where it is felt and the indicators that show it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="needs"
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="plan_needs", blank=True
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), related_name="plan_needs", blank=True
    )

    class Meta:
        verbose_name = _("issue or need")
        verbose_name_plural = _("issues and needs")
        ordering = ["plan", "position", "pk"]


class Orientation(Titled, Timestamped):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="orientations"
    )

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["plan", "position", "pk"]


class Objective(Adoptable, Titled, Timestamped):
    orientation = models.ForeignKey(
        Orientation,
        verbose_name=_("orientation"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    needs = models.ManyToManyField(
        Need, verbose_name=_("issues and needs answered"), related_name="objectives", blank=True
    )
    adoption_process = models.ForeignKey(
        Process,
        verbose_name=_("adoption process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_objectives",
    )

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["orientation", "position", "pk"]


class ActionStatus(models.TextChoices):
    # In context: an action is feminine in French, unlike other apps' statuses of the same words.
    PLANNED = "planned", pgettext_lazy("action status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    COMPLETED = "completed", pgettext_lazy("action status", "Completed")
    ON_HOLD = "on_hold", pgettext_lazy("action status", "On hold")
    CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")


class Action(Titled, Timestamped):
    """What is done towards an objective, by one or more circles or workstreams."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="actions"
    )
    circles = models.ManyToManyField(
        Circle, verbose_name=_("circles"), related_name="plan_actions", blank=True
    )
    workstreams = models.ManyToManyField(
        Workstream, verbose_name=_("workstreams"), related_name="plan_actions", blank=True
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="plan_actions", blank=True
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), related_name="plan_actions", blank=True
    )
    partners = models.ManyToManyField(
        Organization, verbose_name=_("partners involved"), related_name="plan_actions", blank=True
    )
    # The funded projects (accepted applications) that serve this action.
    funded_projects = models.ManyToManyField(
        Application, verbose_name=_("funded projects"), related_name="plan_actions", blank=True
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ActionStatus.choices,
        default=ActionStatus.PLANNED,
        db_index=True,
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["objective", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="action_dates_in_order",
                violation_error_message=_("An action cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="action_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]


class TargetKind(models.TextChoices):
    # Read from the portrait: the latest value of an indicator for a territory.
    INDICATOR = "indicator", _("An indicator of the portrait")
    # Counted by hand: each progress update gives the count reached.
    COUNT = "count", _("A count")


class Target(Timestamped):
    """A measurable target of an objective: from a baseline to a target value by a date."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="targets"
    )
    label_fr = models.CharField(_("label (French)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255, blank=True)
    kind = models.CharField(_("measured by"), max_length=16, choices=TargetKind.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_targets",
    )
    # Where the indicator is read (the region, an MRC…).
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_targets",
    )
    unit_fr = models.CharField(_("unit (French)"), max_length=32, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=32, blank=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=20, decimal_places=4)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target_value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4)
    target_date = models.DateField(_("target date"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["objective", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="indicator", indicator__isnull=False, territory__isnull=False)
                    | Q(kind="count", indicator__isnull=True)
                ),
                name="target_indicator_when_measured_by_one",
                violation_error_message=_(
                    "A target measured by an indicator names the indicator and the territory; "
                    "a counted target names none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en or self.label_fr)

    @property
    def unit(self) -> str:
        if self.indicator_id and not self.unit_fr:
            assert self.indicator is not None
            return self.indicator.unit
        return in_language(self.unit_fr, self.unit_en or self.unit_fr)


class ProgressUpdate(models.Model):
    """A dated note on an objective's progress; for a counted target, the count reached."""

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(
        _("value reached"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_by = user_reference(_("written by"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["objective", "-date", "-pk"]
        indexes = [models.Index(fields=["target", "date"], name="progress_target_date")]

    def __str__(self) -> str:
        return f"{self.objective} · {self.date}"
