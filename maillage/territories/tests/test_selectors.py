from __future__ import annotations

import pytest

from maillage.territories import selectors
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.tests.factories import (
    BoundaryFactory,
    MrcFactory,
    MunicipalityFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def test_sort_key_ignores_accents_and_case():
    names = ["Les Éboulements", "L'Île-d'Orléans", "Lac-Beauport", "Île-aux-Grues", "Baie"]
    assert sorted(names, key=selectors.sort_key) == [
        "Baie",
        "Île-aux-Grues",
        "L'Île-d'Orléans",
        "Lac-Beauport",
        "Les Éboulements",
    ]


def test_tree_nests_and_sorts_in_one_query(django_assert_num_queries):
    region: Territory = RegionFactory()
    zeta: Territory = MrcFactory(parent=region, name="Zêta")
    eta: Territory = MrcFactory(parent=region, name="Éta")
    MunicipalityFactory(parent=eta, name="Saint-B")
    MunicipalityFactory(parent=eta, name="Saint-A")
    with django_assert_num_queries(1):
        tree = selectors.territory_tree()
    assert [n.territory.name for n in tree] == ["Québec"]
    (region_node,) = tree[0].children
    assert [n.territory for n in region_node.children] == [eta, zeta]
    assert [n.territory.name for n in region_node.children[0].children] == ["Saint-A", "Saint-B"]
    assert selectors.find_node(tree, type=TerritoryType.MRC, code=zeta.code).territory == zeta
    assert selectors.find_node(tree, type=TerritoryType.MRC, code="0000") is None


def test_home_region_falls_back_to_the_first_region(settings):
    region: Territory = RegionFactory(code="05", name="Estrie", slug="estrie")
    settings.MAILLAGE_REGION_CODE = "03"
    node = selectors.home_region_node(selectors.territory_tree())
    assert node is not None and node.territory == region
    assert selectors.home_region_node([]) is None


def test_ancestors_and_children():
    municipality: Territory = MunicipalityFactory()
    mrc = municipality.parent
    assert mrc is not None and mrc.parent is not None
    territory = selectors.territories_with_ancestors().get(pk=municipality.pk)
    assert [t.type for t in selectors.ancestors(territory)] == ["province", "region", "mrc"]
    (child,) = selectors.children_of(mrc)
    assert child == municipality
    assert child.subdivision_count == 0
    (mrc_row,) = selectors.children_of(mrc.parent)
    assert mrc_row.subdivision_count == 1


def test_map_shapes_separates_children_and_siblings(django_assert_num_queries):
    region: Territory = RegionFactory()
    first: Territory = MrcFactory(parent=region)
    second: Territory = MrcFactory(parent=region)
    assert region.parent is not None
    BoundaryFactory(territory=first)
    BoundaryFactory(territory=second)
    BoundaryFactory(territory=region)
    with django_assert_num_queries(1):
        shapes = selectors.map_shapes(first)
    assert shapes.children == []
    assert {b.territory for b in shapes.siblings} == {first, second}
    assert shapes.own(first) is not None
    region_shapes = selectors.map_shapes(region)
    assert {b.territory for b in region_shapes.children} == {first, second}
    assert region_shapes.own(region) is not None
    province_shapes = selectors.map_shapes(region.parent)
    assert [b.territory for b in province_shapes.children] == [region]


def test_territory_and_below_reaches_every_level_and_nothing_beside():
    region: Territory = RegionFactory()
    mrc: Territory = MrcFactory(parent=region, code="03001")
    town: Territory = MunicipalityFactory(parent=mrc)
    other_mrc: Territory = MrcFactory(parent=region, code="03002")
    other_town: Territory = MunicipalityFactory(parent=other_mrc)
    province = region.parent
    assert set(selectors.territory_and_below(province)) == {
        province,
        region,
        mrc,
        town,
        other_mrc,
        other_town,
    }
    assert set(selectors.territory_and_below(mrc)) == {mrc, town}
    assert set(selectors.territory_and_below(town)) == {town}
