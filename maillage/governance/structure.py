"""The map of the structure for a viewer: the selector's tree drawn by `maps.render`, ready for
the partial `governance/_structure_map.html`. Other apps (the public site) embed the map with
`render_structure(viewer)` and that partial."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.templatetags.maillage import content_lang
from maillage.governance import maps, workflows
from maillage.governance.selectors.structure import (
    CircleNode,
    MapFilters,
    StructureMap,
    WorkstreamNode,
    structure_map,
)


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


def _node(node: CircleNode, filtered: bool) -> maps.Node:
    circle = node.circle
    children: list[maps.Node] = [_node(child, filtered) for child in node.children]
    children += [
        maps.Node(
            key=f"w{leaf.workstream.pk}",
            name=leaf.workstream.name,
            href=reverse("governance:workstream_detail", kwargs={"slug": leaf.workstream.slug}),
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
        href=reverse("governance:circle_detail", kwargs={"slug": circle.slug}),
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


def render_structure(
    viewer: Viewer, filters: MapFilters | None = None, *, id_prefix: str = "structure"
) -> dict[str, Any]:
    """Everything `governance/_structure_map.html` needs to show the structure to `viewer`:
    the SVG (`svg`, safe markup, "" when there is no circle yet), its `caption`, the selector's
    `structure` (roots, filters) for the outline list, and whether people may be shown."""
    structure = structure_map(viewer=viewer, filters=filters)
    circles, workstreams = shown_counts(structure)
    caption = _("Map of the circles and workstreams")
    description = " ".join(
        [
            ngettext("%(count)s circle", "%(count)s circles", circles) % {"count": circles},
            ngettext("and %(count)s workstream.", "and %(count)s workstreams.", workstreams)
            % {"count": workstreams},
            _(
                "Sub-circles are drawn inside their parent circle and workstreams, as rounded "
                "rectangles, inside each circle that sponsors them. Each shape is a link to its "
                "page; the list that follows gives the same structure with its roles."
            ),
        ]
    )
    rendered = maps.render(
        [_node(root, structure.filters.active) for root in structure.roots],
        title=caption,
        description=description,
        id_prefix=id_prefix,
        name_lang=content_lang(),
    )
    return {
        "id": id_prefix,
        # maps.render escapes every name, label and link it writes into the SVG.
        "svg": mark_safe(rendered.svg) if rendered else "",
        "caption": caption,
        "description": description,
        "structure": structure,
        "roots": structure.roots,
        "filters": structure.filters,
        "circle_count": circles,
        "workstream_count": workstreams,
        "can_see_people": has_perm(viewer, "network.view_people"),
    }
