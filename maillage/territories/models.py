from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The *paliers* at which the collective's partners act."""

    LOCAL = "local", _("Local")
    SUPRALOCAL = "supralocal", _("Supralocal (MRC)")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class TerritoryType(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGION = "region", _("Administrative region")
    MRC = "mrc", _("Regional county municipality (MRC)")
    EQUIVALENT = "equivalent", _("Equivalent territory")
    MUNICIPALITY = "municipality", _("Municipality")
    UNORGANIZED = "unorganized", _("Unorganized territory")
    RESERVE = "reserve", _("First Nations reserve")


# The level a territory of each type belongs to.
LEVEL_OF_TYPE = {
    TerritoryType.PROVINCE: Level.NATIONAL,
    TerritoryType.REGION: Level.REGIONAL,
    TerritoryType.MRC: Level.SUPRALOCAL,
    TerritoryType.EQUIVALENT: Level.SUPRALOCAL,
    TerritoryType.MUNICIPALITY: Level.LOCAL,
    TerritoryType.UNORGANIZED: Level.LOCAL,
    TerritoryType.RESERVE: Level.LOCAL,
}


class Territory(models.Model):
    """A place in the hierarchy Québec › region › MRC / equivalent territory › municipality.

    `code` is the official code, unique within its type: "24" for Québec, the two-digit region code,
    the census division code (CDUID) for an MRC, the census subdivision code (CSDUID) for a
    municipality.
    """

    code = models.CharField(_("official code"), max_length=16)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=16, choices=TerritoryType.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("population (2021)"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("census year"), null=True, blank=True)
    subtype = models.CharField(
        _("official designation"),
        max_length=64,
        blank=True,
        help_text=_("For example Ville, Paroisse, Canton."),
    )
    secondary_code = models.CharField(
        _("secondary code"),
        max_length=16,
        blank=True,
        help_text=_("For example the MAMH geographic code."),
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["type", "code"], name="territory_unique_code_per_type"),
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(type="province"),
                name="territory_parent_required_below_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:detail", kwargs={"slug": self.slug})


class Boundary(models.Model):
    """A territory's simplified outline, in WGS84 longitude/latitude, as GeoJSON geometry."""

    territory = models.OneToOneField(
        Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="boundary"
    )
    geometry = models.JSONField(_("geometry"))
    # Bounding box cached so a map can be framed without parsing every geometry.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    source = models.CharField(_("source"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return str(self.territory)
