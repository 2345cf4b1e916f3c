"""Factories of the network tests; territories come from the territories app's factories."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils.text import slugify

from maillage.network.models import Function, Organization, OrganizationStatus, Person, Seat, Sector
from maillage.territories.models import Level, Territory
from maillage.territories.tests.factories import (
    MrcFactory,
    MunicipalityFactory,
    ProvinceFactory,
    RegionFactory,
)


def province() -> Territory:
    return ProvinceFactory.create()


def region(code: str = "03", name: str = "Capitale-Nationale") -> Territory:
    return RegionFactory.create(code=code, name=name, slug=slugify(name))


def mrc(code: str = "2415", name: str = "Charlevoix-Est", **kwargs: Any) -> Territory:
    return MrcFactory.create(code=code, name=name, parent=kwargs.pop("parent", None) or region())


def municipality(code: str = "2415013", name: str = "La Malbaie", parent: Territory | None = None):
    return MunicipalityFactory.create(code=code, name=name, parent=parent or mrc())


def sector(key: str = "communautaire") -> Sector:
    """Sectors are seeded by a migration."""
    return Sector.objects.get(key=key)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisme témoin {n} (fictif)")
    slug = factory.Sequence(lambda n: f"organisme-temoin-{n}")
    level = Level.REGIONAL
    status = OrganizationStatus.PARTNER
    email = factory.Sequence(lambda n: f"info{n}@organisme.example.org")
    phone = "418 555-0100"
    website = "https://organisme.example.org"

    @factory.post_generation
    def sectors(obj: Organization, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.sectors.set(extracted if extracted is not None else [sector()])

    @factory.post_generation
    def territories(obj: Organization, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.territories.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Fictif{n}")
    slug = factory.Sequence(lambda n: f"personne-{n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    phone = "418 555-0199"


class FunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Function

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Coordination"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    holder = factory.SubFactory(PersonFactory)
    start_date = datetime.date(2024, 1, 15)

    @factory.post_generation
    def substitutes(obj: Seat, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.substitutes.set(extracted)
