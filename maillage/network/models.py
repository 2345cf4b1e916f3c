from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core.models import BilingualName, Timestamped
from maillage.territories.models import Level, Territory

neq_validator = RegexValidator(
    r"^\d{10}$", _("A Québec enterprise number (NEQ) has exactly 10 digits.")
)


class Sector(BilingualName, models.Model):
    """A sector of activity (communautaire, municipal, santé et services sociaux, …)."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "name_fr"]

    def __str__(self) -> str:
        return self.name


class OrganizationStatus(models.TextChoices):
    PARTNER = "partner", _("Partner")
    EXTERNAL = "external", _("External actor")
    FORMER = "former", _("Former partner")


class Organization(Timestamped):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    neq = models.CharField(
        _("Québec enterprise number (NEQ)"),
        max_length=10,
        blank=True,
        validators=[neq_validator],
    )
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="organizations"
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.REGIONAL
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories served"), related_name="organizations", blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    status = models.CharField(
        _("status in the collective"),
        max_length=16,
        choices=OrganizationStatus.choices,
        default=OrganizationStatus.PARTNER,
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["neq"],
                condition=~Q(neq=""),
                name="organization_unique_neq",
                violation_error_code="unique",
                violation_error_message=_("Another organization already has this NEQ."),
            ),
            models.CheckConstraint(
                condition=Q(neq="") | Q(neq__regex=r"^[0-9]{10}$"),
                name="organization_neq_10_digits",
                violation_error_message=_(
                    "A Québec enterprise number (NEQ) has exactly 10 digits."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:organization_detail", kwargs={"slug": self.slug})


class Person(Timestamped):
    """Someone in the network; may have an account (`user`)."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="person_unique_email",
                violation_error_code="unique",
                violation_error_message=_("Another person already has this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("network:person_detail", kwargs={"slug": self.slug})


class Function(models.Model):
    """A person's job in an organization (e.g. "directrice générale")."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="functions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="functions",
    )
    title = models.CharField(_("function"), max_length=150)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        ordering = ["organization__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="function_ends_after_start",
                violation_error_message=_("A function cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.organization}"


class Seat(Timestamped):
    """A person sits in the collective on behalf of an organization, possibly with substitutes."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="seats"
    )
    holder = models.ForeignKey(
        Person, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="seats"
    )
    substitutes = models.ManyToManyField(
        Person, verbose_name=_("substitutes"), related_name="substitute_seats", blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["organization__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="seat_ends_after_start",
                violation_error_message=_("A seat cannot end before it starts."),
            ),
            # A person holds at most one open seat per organization.
            models.UniqueConstraint(
                fields=["organization", "holder"],
                condition=Q(end_date__isnull=True),
                name="seat_one_open_per_holder",
                violation_error_code="unique",
                violation_error_message=_(
                    "This person already holds an open seat for this organization."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} — {self.organization}"
