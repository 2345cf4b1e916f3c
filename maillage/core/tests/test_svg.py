"""The SVG primitives are pure: strings and numbers in, markup out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from maillage.core import svg

NS = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(markup)  # noqa: S314 (our own markup)


def test_a_document_is_named_by_its_title_and_description():
    root = parse(
        svg.document(
            120, 40, ["<g/>"], id_prefix="pop", css_class="chart", title="T", description="D"
        )
    )
    assert root.get("viewBox") == "0 0 120 40"
    assert (root.get("width"), root.get("height")) == ("120", "40")
    assert root.get("class") == "chart"
    assert root.get("aria-labelledby") == "pop-title pop-desc"
    assert root.find(f"{NS}title").get("id") == "pop-title"
    assert root.find(f"{NS}desc").get("id") == "pop-desc"
    assert root.find(f"{NS}desc").text == "D"
    assert root.find(f"{NS}g") is not None
    assert root.get("role") is None


def test_without_a_description_only_the_title_names_it():
    markup = svg.document(10, 10, [], id_prefix="m", css_class="c", role="img", title="T")
    root = parse(markup)
    assert root.get("aria-labelledby") == "m-title"
    assert root.find(f"{NS}desc") is None
    assert root.get("role") == "img"
    assert markup.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" '
        'role="img" aria-labelledby="m-title" class="c"><title id="m-title">T</title>'
    )
    assert markup.endswith("</svg>")


def test_text_is_escaped():
    markup = svg.document(
        10, 10, [], id_prefix="m", css_class="c", title='<b>"&', description="a < b & c"
    )
    assert "<b>" not in markup
    root = parse(markup)
    assert root.find(f"{NS}title").text == '<b>"&'
    assert root.find(f"{NS}desc").text == "a < b & c"
    line = parse(svg.text(0, 0, ['<i>"&'], 10, "name", lang='fr"CA'))
    assert line.find("tspan").text == '<i>"&'
    assert line.get("lang") == 'fr"CA'


def test_a_hidden_group_is_left_out_by_assistive_technology():
    assert svg.group("labels", ["<a/>", "<b/>"], hidden=True) == (
        '<g class="labels" aria-hidden="true"><a/><b/></g>'
    )
    assert svg.group("shapes", iter(["<a/>"])) == '<g class="shapes"><a/></g>'


def test_a_link_is_named_and_its_shape_shows_the_name_as_tooltip():
    markup = svg.link("/a?b=1&c=2", 'A & "B"', "circle", 'cx="1.0" cy="2.0" r="3.0"')
    assert markup == (
        '<a href="/a?b=1&amp;c=2" aria-label="A &amp; &quot;B&quot;">'
        '<circle cx="1.0" cy="2.0" r="3.0"><title>A &amp; &quot;B&quot;</title></circle></a>'
    )
    link = parse(f'<svg xmlns="http://www.w3.org/2000/svg">{markup}</svg>').find(f"{NS}a")
    assert link.get("href") == "/a?b=1&c=2"
    assert link.get("aria-label") == link.find(f"{NS}circle/{NS}title").text == 'A & "B"'


def test_the_current_page_is_marked_in_the_order_given():
    current = {"aria-current": "page", "class": "current"}
    assert svg.link("/x/", "X", "path", 'd="M0,0Z"', current).startswith(
        '<a href="/x/" aria-label="X" aria-current="page" class="current">'
    )
    classes = {"class": "node current", "aria-current": "page"}
    assert svg.link("/x/", "X", "rect", 'x="0"', classes).startswith(
        '<a href="/x/" aria-label="X" class="node current" aria-current="page">'
    )
    assert "aria-current" not in svg.link("/x/", "X", "rect", 'x="0"')


def test_lines_are_centred_around_the_point():
    assert svg.text(0, 0, [], 10, "name") == ""
    root = parse(svg.text(50, 100, ["un", "deux"], 10, "name"))
    assert root.get("class") == "name"
    assert root.get("font-size") == "10"
    assert root.get("text-anchor") == "middle"
    assert root.get("lang") is None
    ys = [float(span.get("y")) for span in root]
    assert ys[1] - ys[0] == pytest.approx(10 * svg.LINE_HEIGHT, abs=0.1)
    # Around y: half a line above and below, then down to the baseline.
    assert (ys[0] + ys[1]) / 2 == pytest.approx(100 + 10 * svg.BASELINE, abs=0.1)
    assert {span.get("x") for span in root} == {"50.0"}


def test_text_width_grows_with_length_size_and_glyphs():
    assert svg.text_width("", 12) == 0
    assert svg.text_width("abcd", 10) == pytest.approx(4 * 10 * svg.GLYPH_WIDTH)
    assert svg.text_width("abcd", 10, glyph_width=0.62) == pytest.approx(4 * 10 * 0.62)


def test_ellipsize_cuts_only_what_does_not_fit():
    # At size 10 with glyphs of 0.5 em, a character takes 5 px.
    assert svg.ellipsize("Portneuf", 40, 10, glyph_width=0.5) == "Portneuf"
    assert svg.ellipsize("Charlevoix", 40, 10, glyph_width=0.5) == "Charlev…"
    assert svg.ellipsize("Mot composé", 25, 10, glyph_width=0.5) == "Mot…"  # no space before …
    # However narrow the space, a few characters stay.
    assert svg.ellipsize("Charlevoix", 1, 10) == "Ch…"
    assert svg.ellipsize("Charlevoix", 1, 10, min_chars=4) == "Cha…"


def test_wrap_breaks_between_words_and_keeps_to_max_lines():
    # 12 characters a line, then 14.
    words = "Participation sociale dans Charlevoix"
    assert svg.wrap(words, 60, 10, 3, glyph_width=0.5) == [
        "Participati…",  # a word longer than a line is cut
        "sociale dans",
        "Charlevoix",
    ]
    assert svg.wrap(words, 70, 10, 3, glyph_width=0.5) == [
        "Participation",
        "sociale dans",
        "Charlevoix",
    ]
    two = svg.wrap(words, 70, 10, 2, glyph_width=0.5)
    assert two == ["Participation", "sociale dans…"]
    one = svg.wrap("Sécurité alimentaire", 70, 10, 1, glyph_width=0.5)
    assert one == ["Sécurité…"]
    for max_lines in (1, 2, 3, 4):
        lines = svg.wrap("un deux trois quatre cinq six sept huit neuf dix", 40, 10, max_lines)
        assert len(lines) <= max_lines
        assert all(len(line) <= 40 // (10 * svg.GLYPH_WIDTH) for line in lines)
    assert svg.wrap("", 70, 10, 3) == []
    assert svg.wrap("   ", 70, 10, 3) == []


def test_a_compact_link_is_named_once_by_its_own_title():
    markup = svg.link("/x/", "A & B", "circle", 'cx="1" cy="2" r="3"', {"class": "n"}, compact=True)
    assert (
        markup
        == '<a href="/x/" class="n"><title>A &amp; B</title><circle cx="1" cy="2" r="3"/></a>'
    )
    link = parse(f'<svg xmlns="http://www.w3.org/2000/svg">{markup}</svg>').find(f"{NS}a")
    assert link[0].tag == f"{NS}title" and link[0].text == "A & B"
    assert link.get("aria-label") is None


def test_compact_text_steps_down_in_whole_units_and_leaves_style_to_the_stylesheet():
    root = parse(svg.text(50.4, 100, ["un", "deux"], 10, "name", compact=True))
    assert root.get("font-size") is None and root.get("text-anchor") is None
    first, second = list(root)
    assert first.get("x") == second.get("x") == "50"
    # 100 - half a line (6) + baseline (3.5), in whole units.
    assert first.get("y") in {"97", "98"}
    assert second.get("y") is None and second.get("dy") == "12"


# Bar charts


def test_a_bar_chart_is_an_image_with_one_bar_per_row():
    markup = svg.bar_chart(
        [svg.Bar("Communautaire", 4), svg.Bar("Éducation", 0), svg.Bar("Municipal", 2)],
        title="Par secteur",
        description="1 sur 3 sans membre",
        id_prefix="sector",
    )
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sector-title sector-desc"
    bars = root.findall(f"{NS}rect")
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[0] > widths[2] > widths[1] > 0  # a zero still shows a mark
    assert "zero" in bars[1].get("class")
    values = [t.text for t in root.findall(f"{NS}text[@class='bar-value']")]
    assert values == ["4", "0", "2"]


def test_a_bar_chart_escapes_and_cuts_long_labels():
    markup = svg.bar_chart([svg.Bar("<b>Santé et services sociaux & autres</b>", 1)], title="T")
    assert "<b>" not in markup
    label = parse(markup).find(f"{NS}text[@class='bar-label']").text
    assert label.endswith("…") and label.startswith("<b>")


def test_no_rows_no_chart():
    assert svg.bar_chart([], title="T") == ""


# Line charts


def test_a_line_chart_is_an_image_with_one_point_per_period():
    markup = svg.line_chart(
        [svg.Point("2016", 10), svg.Point("2021", 20, "20 %"), svg.Point("2022", 15)],
        title="Taux",
        id_prefix="rate",
    )
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "rate-title"
    dots = root.findall(f"{NS}circle")
    assert len(dots) == 3
    heights = [float(dot.get("cy")) for dot in dots]
    assert heights[1] < heights[2] < heights[0]  # higher values are drawn higher up
    values = [t.text for t in root.findall(f"{NS}text[@class='line-value']")]
    assert values == ["10", "20 %", "15"]
    labels = [t.text for t in root.findall(f"{NS}text[@class='line-label']")]
    assert labels == ["2016", "2021", "2022"]
    xs = [float(dot.get("cx")) for dot in dots]
    assert xs == sorted(xs)


def test_a_line_chart_with_a_negative_value_draws_zero_between():
    root = parse(svg.line_chart([svg.Point("2020", -2), svg.Point("2022", 3)], title="Indice"))
    low, high = (float(dot.get("cy")) for dot in root.findall(f"{NS}circle"))
    axis = float(root.find(f"{NS}line").get("y1"))
    assert high < axis < low


def test_a_line_chart_escapes_its_labels():
    markup = svg.line_chart([svg.Point("<b>", 1), svg.Point("2021", 2)], title="T")
    assert "<b>" not in markup


def test_a_single_point_is_no_line_chart():
    assert svg.line_chart([svg.Point("2021", 1)], title="T") == ""
    assert svg.line_chart([], title="T") == ""
