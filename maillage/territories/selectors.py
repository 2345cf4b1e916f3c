"""Reads of the territories app. Every page's query count is fixed, whatever the number of
territories: the tree is one query, a map's shapes are one query."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import translation

from maillage.territories.models import Boundary, Territory, TerritoryType


def sort_key(name: str) -> str:
    """French alphabetical order, the same on SQLite and PostgreSQL: "Île" sorts with "I"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class TreeNode:
    territory: Territory
    children: list[TreeNode] = field(default_factory=list)


def territory_tree() -> list[TreeNode]:
    """Every territory, nested under its parent (Québec › regions › MRCs › municipalities)."""
    territories = Territory.objects.only(
        "id", "code", "name", "slug", "type", "subtype", "population", "parent_id"
    ).order_by()
    nodes = {t.pk: TreeNode(t) for t in territories}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.territory.parent_id) if node.territory.parent_id else None
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: sort_key(n.territory.name))
    roots.sort(key=lambda n: sort_key(n.territory.name))
    return roots


def find_node(nodes: list[TreeNode], *, type: str, code: str) -> TreeNode | None:
    for node in nodes:
        if node.territory.type == type and node.territory.code == code:
            return node
        found = find_node(node.children, type=type, code=code)
        if found:
            return found
    return None


def home_region_node(tree: list[TreeNode]) -> TreeNode | None:
    """The region this instance serves (MAILLAGE_REGION_CODE), else the first region loaded."""
    node = find_node(tree, type=TerritoryType.REGION, code=settings.MAILLAGE_REGION_CODE)
    if node is None:
        regions = [c for root in tree for c in root.children if c.territory.type == "region"]
        node = regions[0] if regions else None
    return node


def child_boundaries(territory: Territory) -> list[Boundary]:
    """The outlines of a territory's children, with their territories, in French order."""
    boundaries = Boundary.objects.filter(territory__parent=territory).select_related("territory")
    return sorted(boundaries, key=lambda b: sort_key(b.territory.name))


def territories_with_ancestors() -> QuerySet[Territory]:
    """Territories with their parents up to Québec, so breadcrumbs cost no extra query."""
    return Territory.objects.select_related("parent__parent__parent")


def ancestors(territory: Territory) -> list[Territory]:
    """From the root down to the territory's parent."""
    chain: list[Territory] = []
    current = territory.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain[::-1]


def children_of(territory: Territory) -> list[Territory]:
    """The territory's children, each with `subdivision_count`, in French order."""
    children = territory.children.annotate(subdivision_count=Count("children")).order_by()
    return sorted(children, key=lambda t: sort_key(t.name))


@dataclass
class MapShapes:
    children: list[Boundary]
    siblings: list[Boundary]  # includes the territory's own outline, when it has one

    def own(self, territory: Territory) -> Boundary | None:
        return next((b for b in self.siblings if b.territory_id == territory.pk), None)


def map_shapes(territory: Territory) -> MapShapes:
    """Outlines of the territory's children and of its siblings, in one query: the page maps the
    children when they have outlines, otherwise the territory among its siblings."""
    condition = Q(territory__parent=territory)
    if territory.parent_id:
        condition |= Q(territory__parent_id=territory.parent_id)
    else:
        condition |= Q(territory=territory)
    boundaries = sorted(
        Boundary.objects.filter(condition).select_related("territory"),
        key=lambda b: sort_key(b.territory.name),
    )
    return MapShapes(
        children=[b for b in boundaries if b.territory.parent_id == territory.pk],
        siblings=[b for b in boundaries if b.territory.parent_id != territory.pk],
    )


def territory_and_below(territory: Territory) -> QuerySet[Territory]:
    """The territory and everything under it (the hierarchy is at most four deep: a region, its
    MRCs, their municipalities), as one query to filter other records by."""
    return Territory.objects.filter(
        Q(pk=territory.pk)
        | Q(parent_id=territory.pk)
        | Q(parent__parent_id=territory.pk)
        | Q(parent__parent__parent_id=territory.pk)
    )


def name_key(text: str) -> str:
    """A territory's name as people write it, reduced to what tells names apart: case, accents,
    apostrophes, hyphens and spaces ignored ("l'ile d'Orléans" is "L'Île-d'Orléans")."""
    return "".join(c for c in sort_key(text) if c.isalnum())


# A name may start with an article that people drop: "Côte-de-Beaupré" for "La Côte-de-Beaupré".
_ARTICLE = re.compile(r"^(la|le|les|l)\b\W*", re.IGNORECASE)
# A kind in parentheses after the name tells namesakes apart: "Québec (ville)".
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<kind>[^()]+)\)\s*$")


class TerritoryIndex:
    """Every territory loaded once, found by its official code or by its name as people write
    it (for imports and pickers that take text)."""

    def __init__(self) -> None:
        self._by_code: dict[str, list[Territory]] = {}
        self._by_name: dict[str, list[Territory]] = {}
        for territory in Territory.objects.only("id", "code", "name", "type", "subtype", "slug"):
            self._by_code.setdefault(territory.code, []).append(territory)
            for name in {territory.name, _ARTICLE.sub("", territory.name)}:
                found = self._by_name.setdefault(name_key(name), [])
                if territory not in found:
                    found.append(territory)

    def find(self, text: str) -> list[Territory]:
        """The territories `text` may name: one when it is clear, none when unknown, several
        when the name is shared (Québec the city, the equivalent territory and the province)."""
        text = text.strip()
        if text in self._by_code:
            return list(self._by_code[text])
        qualified = _QUALIFIED.match(text)
        if qualified:
            kind = name_key(qualified["kind"])
            return [
                territory
                for territory in self.find(qualified["name"])
                if kind and any(name_key(word).startswith(kind) for word in _kind_words(territory))
            ]
        key = name_key(text)
        return list(
            self._by_name.get(key) or self._by_name.get(name_key(_ARTICLE.sub("", text)), [])
        )


def kind_of(territory: Territory) -> str:
    """A territory's kind as a reader names it, short enough to write in parentheses after its
    name: "MRC", its official designation (Ville, Paroisse…), else its type."""
    if territory.type == TerritoryType.MRC:
        return "MRC"
    return territory.subtype or str(TerritoryType(territory.type).label)


def _kind_words(territory: Territory) -> list[str]:
    """What a person may write in parentheses to name the kind of a territory, in French or
    English: its type, its official designation (Ville, Paroisse…), "MRC", "TÉ"."""
    words = [territory.subtype, territory.type]
    for language in ("fr", "en"):
        with translation.override(language):
            words.append(str(TerritoryType(territory.type).label))
    if territory.type == TerritoryType.MRC:
        words.append("MRC")
    if territory.type == TerritoryType.EQUIVALENT:
        words.append("TÉ")
    return words
