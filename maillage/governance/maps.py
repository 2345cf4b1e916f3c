"""Server-rendered SVG of the collective's structure, as a pure function of a tree of shapes.

No database, no request, no JavaScript: the caller passes the circles (each with its sub-circles
and the workstreams it sponsors) as `Node`s with their links and accessible labels, and gets back
SVG markup. Circles are nested: a circle's sub-circles and workstreams are packed inside it (the
front-chain circle packing of d3-hierarchy's `packSiblings`, then the smallest enclosing circle by
Welzl's algorithm), its name in a band at the top; a workstream is a rounded rectangle, a shape of
its own, inside each circle that sponsors it.

Each shape is an `<a href>` (keyboard reachable) whose first child, a `<title>`, is both its
accessible name and its tooltip, written once: a map of hundreds of shapes stays light. Names
are drawn in a separate group hidden from assistive technology, since the links already carry
them; the page shows an outline list of the same structure beside it.
Names are written in French: on a page in another language, `name_lang` marks their text with its
language. The links' accessible names mix the page's language (“Circle: …”) and the name, so they
keep the page's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Unpack

from maillage.core.svg import (
    GLYPH_WIDTH,
    LINE_HEIGHT,
    Caption,
    document,
    group,
    link,
    text,
    text_width,
)
from maillage.core.svg import wrap as wrap_text

CIRCLE = "circle"
WORKSTREAM = "workstream"

LEAF_RADIUS = 46.0  # a circle without sub-circles or workstreams
WORKSTREAM_WIDTH = 80.0  # the rounded rectangle of a workstream
WORKSTREAM_HEIGHT = 52.0
GAP = 8.0  # between siblings
PADDING = 10.0  # between a circle's edge and what it holds
BAND_TOP = 12.0  # from the top of a circle to the top of its name
BAND_BOTTOM = 6.0  # from its name to what the circle holds
BAND_CHARS = 16  # a longer name of a circle holding others goes on two lines
MAX_NAME_RADIUS = 120.0  # a circle grows to fit its name up to this radius, then it is cut
MARGIN = 6.0  # around the drawing
FONT_SIZE = 10.0  # names of circles without contents and of workstreams
BAND_FONT_SIZE = 12.0  # names of circles, in their band
MAX_LINES = 3  # of a name inside its shape; the rest is cut with "…"
EPSILON = 1e-9


@dataclass(frozen=True)
class Node:
    """A circle (with its sub-circles and workstreams as `children`) or a workstream."""

    key: str
    name: str
    href: str
    kind: str = CIRCLE
    label: str = ""  # accessible name and tooltip; the name when empty
    children: Sequence[Node] = ()
    dimmed: bool = False  # shown only to place what a filter kept
    flagged: bool = False  # a workstream past its sunset date
    current: bool = False  # the page being viewed: marked with aria-current


@dataclass
class Placed:
    node: Node
    x: float
    y: float
    r: float  # radius of the circle, or of the circle around the rectangle
    depth: int
    children: list[Placed] = field(default_factory=list)
    band: list[str] = field(default_factory=list)  # the name's lines, for a circle holding others

    @property
    def has_contents(self) -> bool:
        return bool(self.children)

    def walk(self) -> Iterator[Placed]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class RenderedStructure:
    svg: str
    width: int
    height: int
    placed: tuple[Placed, ...]  # the roots, each with its placed children


# Circle packing (after d3-hierarchy, ISC licence, © Mike Bostock)


@dataclass
class _Circle:
    r: float
    x: float = 0.0
    y: float = 0.0


def _place(b: _Circle, a: _Circle, c: _Circle) -> None:
    """Put `c` tangent to both `a` and `b`."""
    dx, dy = b.x - a.x, b.y - a.y
    d2 = dx * dx + dy * dy
    if d2:
        a2 = (a.r + c.r) ** 2
        b2 = (b.r + c.r) ** 2
        if a2 > b2:
            x = (d2 + b2 - a2) / (2 * d2)
            y = math.sqrt(max(0.0, b2 / d2 - x * x))
            c.x = b.x - x * dx - y * dy
            c.y = b.y - x * dy + y * dx
        else:
            x = (d2 + a2 - b2) / (2 * d2)
            y = math.sqrt(max(0.0, a2 / d2 - x * x))
            c.x = a.x + x * dx - y * dy
            c.y = a.y + x * dy + y * dx
    else:
        c.x = a.x + c.r
        c.y = a.y


def _intersects(a: _Circle, b: _Circle) -> bool:
    dr = a.r + b.r - 1e-6
    dx, dy = b.x - a.x, b.y - a.y
    return dr > 0 and dr * dr > dx * dx + dy * dy


class _Link:
    """A circle in the front chain (a doubly linked ring)."""

    def __init__(self, circle: _Circle) -> None:
        self.c = circle
        self.next: _Link = self
        self.previous: _Link = self


def _score(node: _Link) -> float:
    a, b = node.c, node.next.c
    ab = a.r + b.r
    dx = (a.x * b.r + b.x * a.r) / ab
    dy = (a.y * b.r + b.y * a.r) / ab
    return dx * dx + dy * dy


def _overlapped(a: _Link, b: _Link, c: _Circle) -> tuple[_Link, _Link] | None:
    """The closest circle of the front chain that `c`, placed between `a` and `b`, overlaps, by
    distance along the chain: the new pair (a, b) around the stretch to drop, or None."""
    j, k = b.next, a.previous
    sj, sk = b.c.r, a.c.r
    while True:
        if sj <= sk:
            if _intersects(j.c, c):
                return a, j
            sj += j.c.r
            j = j.next
        else:
            if _intersects(k.c, c):
                return k, b
            sk += k.c.r
            k = k.previous
        if j is k.next:
            return None


def pack_siblings(circles: Sequence[_Circle]) -> float:
    """Place `circles` (radii given) tangent to one another without overlap, around the origin;
    returns the radius of the circle enclosing them, centred on the origin."""
    n = len(circles)
    if not n:
        return 0.0
    a = circles[0]
    a.x, a.y = 0.0, 0.0
    if n == 1:
        return a.r
    b = circles[1]
    a.x, b.x, b.y = -b.r, a.r, 0.0
    if n == 2:
        enclosing = enclose(circles)
    else:
        _place(b, a, circles[2])
        la, lb, lc = _Link(a), _Link(b), _Link(circles[2])
        la.next = lc.previous = lb
        lb.next = la.previous = lc
        lc.next = lb.previous = la
        i = 3
        while i < n:
            _place(la.c, lb.c, circles[i])
            cut = _overlapped(la, lb, circles[i])
            if cut is not None:  # drop the overlapped stretch, place the circle again
                la, lb = cut
                la.next, lb.previous = lb, la
                continue
            lc = _Link(circles[i])
            # Insert the new circle between a and b.
            lc.previous, lc.next = la, lb
            la.next = lb.previous = lb = lc
            # The pair of the chain closest to the centroid becomes (a, b).
            best = _score(la)
            node = lc.next
            while node is not lb:
                value = _score(node)
                if value < best:
                    la, best = node, value
                node = node.next
            lb = la.next
            i += 1
        chain = [lb.c]
        node = lb.next
        while node is not lb:
            chain.append(node.c)
            node = node.next
        enclosing = enclose(chain)
    for circle in circles:
        circle.x -= enclosing.x
        circle.y -= enclosing.y
    return enclosing.r


def enclose(circles: Sequence[_Circle]) -> _Circle:
    """The smallest circle enclosing `circles` (Welzl's algorithm, move-to-front)."""
    items = list(circles)
    basis: list[_Circle] = []
    found: _Circle | None = None
    i = 0
    while i < len(items):
        p = items[i]
        if found is not None and _encloses_weak(found, p):
            i += 1
            continue
        extended = _extend_basis(basis, p)
        if extended is None:  # numerical trouble: a safe, slightly larger circle
            return _bounding(items)
        basis = extended
        found = _enclose_basis(basis)
        i = 0
    assert found is not None
    return found


def _bounding(circles: Sequence[_Circle]) -> _Circle:
    cx = sum(c.x for c in circles) / len(circles)
    cy = sum(c.y for c in circles) / len(circles)
    r = max(math.hypot(c.x - cx, c.y - cy) + c.r for c in circles)
    return _Circle(r=r, x=cx, y=cy)


def _extend_basis(basis: list[_Circle], p: _Circle) -> list[_Circle] | None:
    if all(_encloses_weak(p, q) for q in basis):
        return [p]
    for q in basis:
        if _encloses_not(p, q) and all(_encloses_weak(_basis2(q, p), s) for s in basis):
            return [q, p]
    for i in range(len(basis) - 1):
        for j in range(i + 1, len(basis)):
            bi, bj = basis[i], basis[j]
            if (
                _encloses_not(_basis2(bi, bj), p)
                and _encloses_not(_basis2(bi, p), bj)
                and _encloses_not(_basis2(bj, p), bi)
            ):
                candidate = _basis3(bi, bj, p)
                if candidate is not None and all(_encloses_weak(candidate, s) for s in basis):
                    return [bi, bj, p]
    return None


def _encloses_not(a: _Circle, b: _Circle) -> bool:
    dr = a.r - b.r
    dx, dy = b.x - a.x, b.y - a.y
    return dr < 0 or dr * dr < dx * dx + dy * dy


def _encloses_weak(a: _Circle, b: _Circle) -> bool:
    dr = a.r - b.r + max(a.r, b.r, 1.0) * 1e-9
    dx, dy = b.x - a.x, b.y - a.y
    return dr > 0 and dr * dr > dx * dx + dy * dy


def _enclose_basis(basis: list[_Circle]) -> _Circle:
    if len(basis) == 1:
        return _Circle(r=basis[0].r, x=basis[0].x, y=basis[0].y)
    if len(basis) == 2:
        return _basis2(basis[0], basis[1])
    found = _basis3(basis[0], basis[1], basis[2])
    return found if found is not None else _bounding(basis)


def _basis2(a: _Circle, b: _Circle) -> _Circle:
    x21, y21, r21 = b.x - a.x, b.y - a.y, b.r - a.r
    length = math.sqrt(x21 * x21 + y21 * y21)
    if length < EPSILON:
        return _Circle(r=max(a.r, b.r), x=a.x, y=a.y)
    return _Circle(
        x=(a.x + b.x + x21 / length * r21) / 2,
        y=(a.y + b.y + y21 / length * r21) / 2,
        r=(length + a.r + b.r) / 2,
    )


def _basis3(a: _Circle, b: _Circle, c: _Circle) -> _Circle | None:
    x1, y1, r1 = a.x, a.y, a.r
    a2, a3 = x1 - b.x, x1 - c.x
    b2, b3 = y1 - b.y, y1 - c.y
    c2, c3 = b.r - r1, c.r - r1
    d1 = x1 * x1 + y1 * y1 - r1 * r1
    d2 = d1 - b.x * b.x - b.y * b.y + b.r * b.r
    d3 = d1 - c.x * c.x - c.y * c.y + c.r * c.r
    ab = a3 * b2 - a2 * b3
    if abs(ab) < EPSILON:
        return None
    xa = (b2 * d3 - b3 * d2) / (ab * 2) - x1
    xb = (b3 * c2 - b2 * c3) / ab
    ya = (a3 * d2 - a2 * d3) / (ab * 2) - y1
    yb = (a2 * c3 - a3 * c2) / ab
    qa = xb * xb + yb * yb - 1
    qb = 2 * (r1 + xa * xb + ya * yb)
    qc = xa * xa + ya * ya - r1 * r1
    if abs(qa) > 1e-6:
        discriminant = qb * qb - 4 * qa * qc
        if discriminant < 0:
            return None
        r = -(qb + math.sqrt(discriminant)) / (2 * qa)
    elif abs(qb) > EPSILON:
        r = -qc / qb
    else:
        return None
    return _Circle(x=x1 + xa + xb * r, y=y1 + ya + yb * r, r=r)


# Layout of the structure


def _workstream_radius() -> float:
    return math.hypot(WORKSTREAM_WIDTH, WORKSTREAM_HEIGHT) / 2


@dataclass
class _Local:
    """A node laid out around its own centre: children's offsets relative to it."""

    node: Node
    r: float
    children: list[tuple[_Local, float, float]]
    band: list[str] = field(default_factory=list)  # the name, above what the circle holds


def band_lines(name: str) -> list[str]:
    """The name of a circle holding others, in the band at its top: one line, or two balanced
    ones for a long name."""
    if len(name) <= BAND_CHARS:
        return [name]
    per_line = max(BAND_CHARS, math.ceil(len(name) / 2) + 2)
    return wrap(name, per_line * BAND_FONT_SIZE * GLYPH_WIDTH, BAND_FONT_SIZE, max_lines=2)


def _radius_for_band(lines: list[str]) -> float:
    """The radius at which every line of the band fits inside the circle."""
    needed = 0.0
    step = BAND_FONT_SIZE * LINE_HEIGHT
    for index, line in enumerate(lines):
        depth = BAND_TOP + index * step  # from the top of the circle to the top of the line
        half = text_width(line, BAND_FONT_SIZE) / 2 / 0.92
        # The chord at `depth` below the top of a circle of radius r: 2·√(2·r·depth − depth²).
        needed = max(needed, (half * half + depth * depth) / (2 * depth))
    return min(needed, MAX_NAME_RADIUS)


def _band_height(lines: list[str]) -> float:
    return BAND_TOP + len(lines) * BAND_FONT_SIZE * LINE_HEIGHT + BAND_BOTTOM - PADDING


def _measure(node: Node) -> _Local:
    if node.kind == WORKSTREAM:
        return _Local(node=node, r=_workstream_radius(), children=[])
    inner = [_measure(child) for child in node.children]
    if not inner:
        return _Local(node=node, r=LEAF_RADIUS, children=[])
    circles = [_Circle(r=item.r + GAP / 2) for item in inner]
    enclosing = pack_siblings(circles)
    band = band_lines(node.name)
    height = _band_height(band)
    # The contents sit lower by half the band, leaving the band free at the top for the name.
    radius = max(enclosing + PADDING + height / 2, LEAF_RADIUS, _radius_for_band(band))
    shift = radius - PADDING - enclosing  # the contents touch the bottom edge's padding
    return _Local(
        node=node,
        r=radius,
        children=[
            (item, circle.x, circle.y + shift) for item, circle in zip(inner, circles, strict=True)
        ],
        band=band,
    )


def _place_tree(local: _Local, x: float, y: float, depth: int) -> Placed:
    placed = Placed(node=local.node, x=x, y=y, r=local.r, depth=depth, band=local.band)
    placed.children = [
        _place_tree(child, x + dx, y + dy, depth + 1) for child, dx, dy in local.children
    ]
    return placed


def layout(roots: Sequence[Node]) -> tuple[list[Placed], float, float]:
    """Place every node; returns the placed roots and the drawing's width and height."""
    measured = [_measure(root) for root in roots]
    circles = [_Circle(r=item.r + (GAP / 2 if len(measured) > 1 else 0)) for item in measured]
    enclosing = pack_siblings(circles)
    if len(measured) > 1:
        left = min(c.x - c.r for c in circles)
        right = max(c.x + c.r for c in circles)
        top = min(c.y - c.r for c in circles)
        bottom = max(c.y + c.r for c in circles)
    else:
        left, right, top, bottom = -enclosing, enclosing, -enclosing, enclosing
    placed = [
        _place_tree(item, circle.x - left + MARGIN, circle.y - top + MARGIN, 0)
        for item, circle in zip(measured, circles, strict=True)
    ]
    return placed, right - left + 2 * MARGIN, bottom - top + 2 * MARGIN


# Names


def wrap(text: str, width: float, font_size: float, max_lines: int = MAX_LINES) -> list[str]:
    """A name in lines that fit `width` at `font_size`, cut with "…" past `max_lines`."""
    return wrap_text(text, width, font_size, max_lines)


def _has_band(item: Placed) -> bool:
    return item.node.kind != WORKSTREAM and item.has_contents


def _label(item: Placed, lang: str = "") -> str:
    node = item.node
    if node.kind == WORKSTREAM:
        lines = wrap(node.name, WORKSTREAM_WIDTH - 8, FONT_SIZE)
        return text(item.x, item.y, lines, FONT_SIZE, "name workstream-name", lang, compact=True)
    if not item.has_contents:
        lines = wrap(node.name, item.r * 2 * 0.78, FONT_SIZE)
        return text(item.x, item.y, lines, FONT_SIZE, "name circle-name", lang, compact=True)
    # In the band at the top: each line fits the chord at its own top, or is cut.
    step = BAND_FONT_SIZE * LINE_HEIGHT
    fitted = []
    for index, line in enumerate(item.band):
        depth = BAND_TOP + index * step
        chord = 2 * math.sqrt(max(2 * item.r * depth - depth * depth, 0.0))
        fitted += wrap(line, chord * 0.92, BAND_FONT_SIZE, max_lines=1)
    middle = item.y - item.r + BAND_TOP + step * len(fitted) / 2
    return text(item.x, middle, fitted, BAND_FONT_SIZE, "name circle-name band", lang, compact=True)


# Markup


def _classes(item: Placed) -> str:
    node = item.node
    css = [f"node {node.kind}"]
    if node.kind == CIRCLE:
        css.append(f"depth-{min(item.depth, 3)}")
    if node.dimmed:
        css.append("dimmed")
    if node.flagged:
        css.append("flagged")
    if node.current:
        css.append("current")
    return " ".join(css)


def _shape(item: Placed) -> str:
    node = item.node
    if node.kind == WORKSTREAM:
        w, h = WORKSTREAM_WIDTH, WORKSTREAM_HEIGHT
        tag = "rect"
        shape_attrs = (
            f'x="{item.x - w / 2:.0f}" y="{item.y - h / 2:.0f}" width="{w:g}" height="{h:g}" rx="8"'
        )
    else:
        # Whole units: the drawing is hundreds of units wide, and a map of hundreds of circles
        # weighs a tenth less.
        tag = "circle"
        shape_attrs = f'cx="{item.x:.0f}" cy="{item.y:.0f}" r="{item.r:.0f}"'
    attrs = {"class": _classes(item)}
    if node.current:
        attrs["aria-current"] = "page"
    return link(node.href, node.label or node.name, tag, shape_attrs, attrs, compact=True)


def _flag(item: Placed) -> str:
    x = item.x + WORKSTREAM_WIDTH / 2 - 4
    y = item.y - WORKSTREAM_HEIGHT / 2 + 4
    return (
        f'<circle class="flag" cx="{x:.0f}" cy="{y:.0f}" r="8"/>'
        f'<text class="flag-mark" x="{x:.0f}" y="{y + 4:.0f}">!</text>'
    )


# A page shows the map at most 52rem tall (`.gov-map-figure svg`): a name that would be drawn
# smaller than this many pixels there cannot be read, and only weighs on the page; the shape's
# tooltip (its link's name) and the outline below the map still name it.
DISPLAY_HEIGHT = 832
MIN_LEGIBLE = 4


def legible(font_size: float, extent: float) -> bool:
    """Whether text of `font_size` (drawing units) can be read when a drawing `extent` units
    wide or tall is shown on a page."""
    return font_size * DISPLAY_HEIGHT / max(extent, 1.0) >= MIN_LEGIBLE


def render(
    roots: Sequence[Node],
    *,
    id_prefix: str = "structure",
    name_lang: str = "",
    **caption: Unpack[Caption],
) -> RenderedStructure | None:
    """The SVG of the structure under `roots` named by `caption` (`title`, `description`), or
    None when there is nothing to draw. The names' `<text>` carry `lang="{name_lang}"` when it
    is given (names in another language than the page's)."""
    if not roots:
        return None
    placed, width, height = layout(roots)
    everything = [item for root in placed for item in root.walk()]
    w, h = math.ceil(width), math.ceil(height)
    # Parents first: what a circle holds is drawn over it.
    shapes = group("shapes", (_shape(item) for item in everything))
    extent = max(w, h)
    names = [
        _label(item, name_lang)
        for item in everything
        # Bands (a circle holding others) are written larger than the other names.
        if legible(BAND_FONT_SIZE if _has_band(item) else FONT_SIZE, extent)
    ]
    names += [_flag(item) for item in everything if item.node.flagged]
    parts = [shapes, group("labels", names, hidden=True)]
    markup = document(w, h, parts, id_prefix=id_prefix, css_class="structure-map", **caption)
    return RenderedStructure(svg=markup, width=w, height=h, placed=tuple(placed))
