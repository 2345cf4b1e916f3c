"""The SVG renderers are pure: a tree of shapes (or rows) in, markup out."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest

from maillage.governance import maps

SVG = "{http://www.w3.org/2000/svg}"


def circle(key, *children, name=None, href=None, **extra):
    return maps.Node(
        key=key,
        name=name or f"Cercle {key}",
        href=href or f"/cercles/{key}/",
        children=children,
        **extra,
    )


def workstream(key, name=None, **extra):
    return maps.Node(
        key=key,
        name=name or f"Chantier {key}",
        href=f"/chantiers/{key}/",
        kind=maps.WORKSTREAM,
        **extra,
    )


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own markup)


def everything(rendered):
    return [item for root in rendered.placed for item in root.walk()]


def test_nothing_to_draw_gives_none():
    assert maps.render([], title="Vide") is None


def test_each_circle_and_workstream_is_a_named_link():
    tree = circle("g", circle("a", workstream("w1")), workstream("w2"), name="Cercle général")
    rendered = maps.render([tree], title="Structure", description="Deux cercles")
    assert rendered is not None
    root = parse(rendered.svg)
    assert root.get("aria-labelledby") == "structure-title structure-desc"
    assert root.get("role") is None  # links inside an image role would be hidden
    assert root.find(f"{SVG}title").text == "Structure"
    links = root.findall(f".//{SVG}a")
    # Parents first, so that what a circle holds is drawn over it.
    assert [link.get("href") for link in links] == [
        "/cercles/g/",
        "/cercles/a/",
        "/chantiers/w1/",
        "/chantiers/w2/",
    ]
    for link in links:
        shape = link.find(f"{SVG}circle")
        if shape is None:
            shape = link.find(f"{SVG}rect")
            assert "workstream" in link.get("class")
        # Named once, by the link's own first child: its accessible name and its tooltip.
        assert link[0].tag == f"{SVG}title" and link[0].text
        assert link.get("aria-label") is None and shape.find(f"{SVG}title") is None
    labels = root.find(f".//{SVG}g[@class='labels']")
    assert labels.get("aria-hidden") == "true"
    names = ["".join(t.itertext()) for t in labels.findall(f"{SVG}text")]
    assert names[0] == "Cercle général"


def test_labels_are_the_accessible_names_when_given():
    rendered = maps.render([circle("g", label="Cercle général : 3 sous-cercles")], title="T")
    link = parse(rendered.svg).find(f".//{SVG}a")
    assert link.find(f"{SVG}title").text == "Cercle général : 3 sous-cercles"


def test_names_and_links_are_escaped():
    tree = circle("x", name='<script>"&', href="/a?b=1&c=2", label="A & B")
    rendered = maps.render([tree], title="T < U")
    assert "<script>" not in rendered.svg
    root = parse(rendered.svg)  # still well-formed XML
    link = root.find(f".//{SVG}a")
    assert link.find(f"{SVG}title").text == "A & B"
    assert link.get("href") == "/a?b=1&c=2"
    assert "".join(root.find(f".//{SVG}text").itertext()) == '<script>"&'


def test_names_carry_their_language_when_told():
    tree = circle("g", circle("a"), workstream("w", flagged=True), label="Circle: Cercle g")
    root = parse(maps.render([tree], title="Map", name_lang="fr-CA").svg)
    names = root.findall(f".//{SVG}text[@class]")
    assert {text.get("class") for text in names} >= {"name circle-name band", "flag-mark"}
    for text in names:
        expected = None if text.get("class") == "flag-mark" else "fr-CA"
        assert text.get("lang") == expected
    # The links' names are in the page's language, with the name inside.
    assert all(link.get("lang") is None for link in root.iter(f"{SVG}a"))
    assert root.get("lang") is None
    plain = parse(maps.render([tree], title="Carte").svg)
    assert all(text.get("lang") is None for text in plain.iter(f"{SVG}text"))


def test_flagged_dimmed_and_current_shapes_are_marked():
    tree = circle(
        "g",
        circle("a", dimmed=True),
        workstream("w", flagged=True),
        current=True,
    )
    root = parse(maps.render([tree], title="T").svg)
    by_href = {link.get("href"): link for link in root.iter(f"{SVG}a")}
    assert "dimmed" in by_href["/cercles/a/"].get("class")
    assert "flagged" in by_href["/chantiers/w/"].get("class")
    assert by_href["/cercles/g/"].get("aria-current") == "page"
    assert len(root.findall(f".//{SVG}circle[@class='flag']")) == 1


def assert_well_nested(rendered):
    for item in everything(rendered):
        for child in item.children:
            # Each child lies inside its parent, below the band that holds the parent's name.
            distance = math.hypot(child.x - item.x, child.y - item.y)
            assert distance + child.r <= item.r + 1e-6
            assert child.y - child.r >= item.y - item.r + maps.BAND_TOP - 1e-6
        for a, b in itertools.combinations(item.children, 2):
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r - 1e-6  # no overlap


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 12, 100])
def test_children_sit_inside_their_parent_without_overlapping(count):
    children = [
        circle(f"c{n}", *([workstream(f"w{n}")] if n % 3 == 0 else [])) for n in range(count)
    ]
    rendered = maps.render([circle("g", *children, workstream("wg"))], title="T")
    assert_well_nested(rendered)
    root = rendered.placed[0]
    # The drawing fits the general circle, with a small margin.
    assert root.x - root.r >= 0 and root.y - root.r >= 0
    assert root.x + root.r <= rendered.width and root.y + root.r <= rendered.height


def test_deep_nesting_and_several_roots():
    deep = circle("a", circle("b", circle("c", circle("d", workstream("w")))))
    rendered = maps.render([deep, circle("orphan")], title="T")
    assert_well_nested(rendered)
    depths = {item.node.key: item.depth for item in everything(rendered)}
    assert depths == {"a": 0, "b": 1, "c": 2, "d": 3, "w": 4, "orphan": 0}
    first, second = rendered.placed
    assert math.hypot(first.x - second.x, first.y - second.y) >= first.r + second.r - 1e-6


def test_the_layout_is_deterministic_and_compact():
    tree = [circle("g", *(circle(f"c{n}") for n in range(100)))]
    first, second = maps.render(tree, title="T"), maps.render(tree, title="T")
    assert first.svg == second.svg
    # 100 leaves of radius 46 packed: far smaller than a row of them.
    assert first.width < 100 * maps.LEAF_RADIUS


def test_a_long_name_is_wrapped_then_cut_with_an_ellipsis():
    assert maps.wrap("Participation sociale dans Charlevoix", 72, 10) == [
        "Participation",
        "sociale dans",
        "Charlevoix",
    ]
    lines = maps.wrap("Un nom extrêmement long pour un chantier vraiment très long", 68, 10)
    assert len(lines) == maps.MAX_LINES and lines[-1].endswith("…")
    assert maps.wrap("Anticonstitutionnellement", 40, 10) == ["Antico…"]
    assert maps.wrap("", 68, 10) == []


def test_a_circle_holding_others_grows_to_show_its_name_in_two_lines():
    assert maps.band_lines("Habitation") == ["Habitation"]
    assert maps.band_lines("Sécurité alimentaire") == ["Sécurité", "alimentaire"]
    tree = circle("g", workstream("w"), name="Sécurité alimentaire")
    root = parse(maps.render([tree], title="T").svg)
    band = root.find(f".//{SVG}text[@class='name circle-name band']")
    assert [span.text for span in band] == ["Sécurité", "alimentaire"]


def test_names_too_small_to_read_at_the_maps_size_are_left_to_the_links_and_the_outline():
    small = maps.render([circle("g", circle("a", workstream("w")))], title="Petit")
    assert small is not None and small.width < 1000
    assert len(parse(small.svg).findall(f".//{SVG}g[@class='labels']/{SVG}text")) == 3
    # Hundreds of circles: the drawing grows until its names would be a pixel tall on the page.
    big = maps.render(
        [circle("g", *(circle(f"c{i}", workstream(f"w{i}")) for i in range(300)))], title="Grand"
    )
    assert big is not None and not maps.legible(maps.BAND_FONT_SIZE, max(big.width, big.height))
    root = parse(big.svg)
    assert root.findall(f".//{SVG}g[@class='labels']/{SVG}text") == []
    # Every shape still names its circle or workstream, as its link's title.
    titles = [link[0].text for link in root.findall(f".//{SVG}a")]
    assert len(titles) == 601 and "Cercle c299" in titles and "Chantier w0" in " ".join(titles)
