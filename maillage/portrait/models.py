"""The territorial portrait: statistical indicators and their values per territory and period.

Indicators know territories and nothing else; every value names the source it was taken from, so
each figure shown on a page can say where it comes from.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, in_language
from maillage.territories.models import Territory


class Direction(models.TextChoices):
    """Whether a rising value is good news; charts and targets read it."""

    HIGHER_IS_BETTER = "higher_better", _("Higher is better")
    HIGHER_IS_WORSE = "higher_worse", _("Higher is worse")
    NEUTRAL = "neutral", _("Neither better nor worse")


class Source(models.Model):
    """Where figures were taken from: a publication's title and its address."""

    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("address"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "url"], name="portrait_source_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(Timestamped):
    """A statistic followed across territories and years (population, low-income rate…)."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255, blank=True)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    unit_fr = models.CharField(_("unit (French)"), max_length=32, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=32, blank=True)
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.NEUTRAL
    )
    # The source to cite when a value has none of its own.
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "label_fr"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en or self.label_fr)

    @property
    def definition(self) -> str:
        return in_language(self.definition_fr, self.definition_en or self.definition_fr)

    @property
    def unit(self) -> str:
        return in_language(self.unit_fr, self.unit_en or self.unit_fr)


class Value(models.Model):
    """One figure: an indicator's value for a territory over a period, with its source."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
    )
    # As published: a year ("2021") or a span ("2016-2021").
    period = models.CharField(_("period"), max_length=16)
    # The period's last year, for ordering and time series.
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="values"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator", "territory", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "territory", "period"], name="portrait_value_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "year"], name="portrait_value_indicator_year"),
            models.Index(fields=["territory", "indicator"], name="portrait_value_territory"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.key} · {self.territory} · {self.period}"
