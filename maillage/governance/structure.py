"""The map of the structure for a viewer: the selector's tree drawn by `maps.render` and its
outline list, ready for the partial `governance/_structure_map.html`. Other apps (the public
site) embed the map with `render_structure(viewer)` and that partial.

The rendered map is cached (`core.cache.fragment`) under the namespace `NAMESPACE`, per language,
visibility class (`visibility_class`), filters and day (a workstream passes its sunset date at
midnight). Every save or delete of what the map shows bumps the namespace (`watch`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.templatetags.maillage import content_lang
from maillage.governance import maps, workflows
from maillage.governance.selectors._common import Visibility, visibility
from maillage.governance.selectors.structure import (
    CircleNode,
    MapFilters,
    StructureMap,
    WorkstreamNode,
    structure_map,
)

NAMESPACE = "governance.structure"


def watched_models() -> tuple[type[Model], ...]:
    """Everything the map shows or filters on: a change to any row of these redraws it."""
    from maillage.governance.models import (
        Circle,
        Membership,
        Role,
        RoleAssignment,
        Strategy,
        Workstream,
    )
    from maillage.network.models import Function, Organization, Person, Seat, Sector
    from maillage.territories.models import Territory

    return (
        Circle,
        Workstream,
        Role,
        RoleAssignment,
        Membership,
        Strategy,
        Organization,
        Person,
        Seat,
        Function,
        Sector,
        Territory,
    )


def watch() -> None:
    """Bump the map's version on every change to what it shows (called once, in `ready()`)."""
    cache.bump_on_change(NAMESPACE, *watched_models())


def visibility_class(seen: Visibility, can_see_people: bool) -> str:
    """What makes two viewers see different maps: whether they see inside every circle and every
    workstream, whether people's names are links, and otherwise the workstreams they belong to
    (a guest sees the holders of their own). Partner members, staff and administrators share
    one class; anonymous visitors and citizens without a workstream share another."""
    inside = (
        "all"
        if seen.circles or seen.all_workstreams
        else ",".join(map(str, sorted(seen.workstream_ids)))
    )
    return f"circles={seen.circles};inside={inside};people={can_see_people}"


@dataclass(frozen=True)
class _Url:
    """A detail page's URL built once per rendering, then filled with each slug, rather than
    reversed for every node."""

    prefix: str
    suffix: str

    @classmethod
    def of(cls, name: str) -> _Url:
        placeholder = "__slug__"
        prefix, suffix = reverse(name, kwargs={"slug": placeholder}).split(placeholder)
        return cls(prefix, suffix)

    def __call__(self, slug: str) -> str:
        return f"{self.prefix}{slug}{self.suffix}"


def _workstream_label(leaf: WorkstreamNode) -> str:
    workstream = leaf.workstream
    parts = [
        _("Workstream: %(name)s") % {"name": workstream.name},
        str(workflows.WORKSTREAM.state(workstream.status).label).lower(),
    ]
    if leaf.past_sunset:
        parts.append(_("past its sunset date"))
    return " — ".join(parts)


def _circle_label(node: CircleNode) -> str:
    circle = node.circle
    label = (
        _("General circle: %(name)s") % {"name": circle.name}
        if circle.is_general
        else _("Circle: %(name)s") % {"name": circle.name}
    )
    extra = []
    if node.children:
        extra.append(
            ngettext("%(count)s sub-circle", "%(count)s sub-circles", len(node.children))
            % {"count": len(node.children)}
        )
    if node.workstreams:
        extra.append(
            ngettext("%(count)s workstream", "%(count)s workstreams", len(node.workstreams))
            % {"count": len(node.workstreams)}
        )
    if extra:
        label += " (" + ", ".join(extra) + ")"
    if not node.matched:
        label += " — " + _("shown for context, outside the filters")
    return label


def _node(node: CircleNode, filtered: bool, urls: dict[str, _Url]) -> maps.Node:
    circle = node.circle
    children: list[maps.Node] = [_node(child, filtered, urls) for child in node.children]
    children += [
        maps.Node(
            key=f"w{leaf.workstream.pk}",
            name=leaf.workstream.name,
            href=urls["workstream"](leaf.workstream.slug),
            kind=maps.WORKSTREAM,
            label=_workstream_label(leaf),
            flagged=leaf.past_sunset,
            dimmed=filtered and not leaf.matched,
        )
        for leaf in node.workstreams
    ]
    return maps.Node(
        key=f"c{circle.pk}",
        name=circle.name,
        href=urls["circle"](circle.slug),
        label=_circle_label(node),
        children=children,
        dimmed=filtered and not node.matched,
    )


def shown_counts(structure: StructureMap) -> tuple[int, int]:
    """How many circles and (distinct) workstreams the map shows."""
    circles = 0
    workstreams: set[int] = set()
    for node in structure.walk():
        circles += 1
        workstreams.update(leaf.workstream.pk for leaf in node.workstreams)
    return circles, len(workstreams)


def _urls() -> dict[str, _Url]:
    return {
        "circle": _Url.of("governance:circle_detail"),
        "workstream": _Url.of("governance:workstream_detail"),
        "person": _Url.of("network:person_detail"),
    }


# Up to this many circles, the outline lists the whole structure; beyond it, circles from this
# level (0: the roots) are listed by name only, without their sub-circles.
OUTLINE_FULL_CIRCLES = 100
OUTLINE_FOLD_LEVEL = 2


def render_structure(
    viewer: Viewer, filters: MapFilters | None = None, *, id_prefix: str = "structure"
) -> dict[str, Any]:
    """Everything `governance/_structure_map.html` needs to show the structure to `viewer`: the
    rendered map and outline (`html`, safe markup), how many circles (`circle_count`) and
    workstreams (`workstream_count`) it shows, and the `filters`. Cached until the next change
    to what it shows; viewers of the same visibility class share it."""
    filters = filters or MapFilters()
    seen = visibility(viewer)
    can_see_people = has_perm(viewer, "network.view_people")
    keys = (filters.territory, filters.sector, filters.strategy)
    rendered = cache.fragment(
        NAMESPACE,
        visibility=visibility_class(seen, can_see_people),
        filters=[
            id_prefix,
            timezone.localdate().isoformat(),
            *(f"{type(key).__name__}={key.pk}" for key in keys if key is not None),
        ],
        render=lambda: _render(viewer, filters, seen, can_see_people, id_prefix),
    )
    return {
        "id": id_prefix,
        "html": mark_safe(rendered["html"]),
        "circle_count": rendered["circle_count"],
        "workstream_count": rendered["workstream_count"],
        "filters": filters,
    }


def _render(
    viewer: Viewer,
    filters: MapFilters,
    seen: Visibility,
    can_see_people: bool,
    id_prefix: str,
) -> dict[str, Any]:
    """The map and its outline as markup, with their counts: what is cached."""
    structure = structure_map(viewer=viewer, filters=filters, seen=seen)
    circles, workstreams = shown_counts(structure)
    # A large structure's outline stops at a few levels: the page stays light to send and to
    # read, and each circle's page lists its own sub-circles.
    fold = OUTLINE_FOLD_LEVEL if circles > OUTLINE_FULL_CIRCLES else None
    caption = _("Map of the circles and workstreams")
    description = " ".join(
        [
            ngettext("%(count)s circle", "%(count)s circles", circles) % {"count": circles},
            ngettext("and %(count)s workstream.", "and %(count)s workstreams.", workstreams)
            % {"count": workstreams},
            _(
                "Sub-circles are drawn inside their parent circle and workstreams, as rounded "
                "rectangles, inside each circle that sponsors them. Each shape is a link to its "
                "page; the list that follows gives the same structure with its lead links."
            )
            if fold is None
            else _(
                "Sub-circles are drawn inside their parent circle and workstreams, as rounded "
                "rectangles, inside each circle that sponsors them. Each shape is a link to its "
                "page; the list that follows gives the first levels of the structure with their "
                "lead links, and each circle's page its own sub-circles."
            ),
        ]
    )
    urls = _urls()
    drawn = maps.render(
        [_node(root, structure.filters.active, urls) for root in structure.roots],
        title=caption,
        description=description,
        id_prefix=id_prefix,
        name_lang=content_lang(),
    )
    context = {
        "id": id_prefix,
        # maps.render escapes every name, label and link it writes into the SVG.
        "svg": mark_safe(drawn.svg) if drawn else "",
        "caption": caption,
        "roots": structure.roots,
        "filters": structure.filters,
        "can_see_people": can_see_people,
        "fold": fold,
        # Links of the outline, each a prefix and a suffix around a slug.
        "urls": {name: (url.prefix, url.suffix) for name, url in urls.items()},
    }
    html = render_to_string("governance/_structure_figure.html", {"map": context})
    return {"html": html, "circle_count": circles, "workstream_count": workstreams}
