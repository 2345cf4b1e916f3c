import pytest

from maillage.core.slugs import unique_slug
from maillage.territories.models import Territory
from maillage.territories.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_a_slug_is_readable_and_unique():
    first = RegionFactory(name="Capitale-Nationale", slug="capitale-nationale")
    assert unique_slug(Territory, "Capitale-Nationale") == "capitale-nationale-2"
    RegionFactory(name="Capitale-Nationale 2", slug="capitale-nationale-2", code="04")
    assert unique_slug(Territory, "Capitale-Nationale") == "capitale-nationale-3"
    # A record keeps its own slug when it is saved again.
    assert unique_slug(Territory, "Capitale-Nationale", instance_pk=first.pk) == (
        "capitale-nationale"
    )
    assert unique_slug(Territory, "Île d'Orléans") == "ile-dorleans"
    assert unique_slug(Territory, "!!!") == "x"
