import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from maillage.core.templatetags.maillage import content_lang, fr


def render(source, **context):
    return Template("{% load maillage %}" + source).render(Context(context))


def test_french_content_is_marked_on_an_english_page():
    with translation.override("en"):
        assert content_lang() == "fr-CA"
        assert fr("Cercle général") == '<span lang="fr-CA">Cercle général</span>'
        assert render("{{ name|fr }}", name="Santé & <b>") == (
            '<span lang="fr-CA">Santé &amp; &lt;b&gt;</span>'
        )
        # Safe markup stays as it is; paragraphs take a block element.
        assert render("{{ text|linebreaks|fr:'div' }}", text="Un.\n\nDeux.") == (
            '<div lang="fr-CA"><p>Un.</p>\n\n<p>Deux.</p></div>'
        )
        assert fr(mark_safe("Un<br>deux")) == '<span lang="fr-CA">Un<br>deux</span>'


def test_french_content_is_left_as_it_is_on_a_french_page():
    with translation.override("fr-ca"):
        assert content_lang() == ""
        assert fr("Cercle général") == "Cercle général"
        assert render("{{ name|fr }}", name="Santé & <b>") == "Santé &amp; &lt;b&gt;"
        assert render("{{ text|linebreaks|fr:'div' }}", text="Un.\n\nDeux.") == (
            "<p>Un.</p>\n\n<p>Deux.</p>"
        )


@pytest.mark.parametrize("language", ["en", "fr-ca"])
def test_empty_content_gives_nothing(language):
    with translation.override(language):
        assert fr("") == ""
        assert fr(None) == ""
        assert render("[{{ missing|fr }}]") == "[]"


def test_only_an_inline_or_a_block_element_wraps_content():
    with pytest.raises(ValueError, match="unknown element"):
        fr("Cercle", "p")


def test_frdate_writes_1er_in_french_and_leaves_english_alone():
    day = dt.date(2026, 8, 1)
    moment = dt.datetime(2026, 8, 1, 18, 5, tzinfo=dt.UTC)
    with translation.override("fr-ca"):
        assert render("{{ day|frdate }}", day=day) == "1er août 2026"
        # A moment is shown in local time, like Django's `date`.
        assert render('{{ moment|frdate:"DATETIME_FORMAT" }}', moment=moment) == (
            "1er août 2026, 14\xa0h\xa005"
        )
        assert render("{{ nothing|frdate }}", nothing=None) == ""
        assert render("{{ text|frdate }}", text="pas une date") == ""
    with translation.override("en"):
        assert render("{{ day|frdate }}", day=day) == "Aug. 1, 2026"


def test_no_template_writes_a_day_without_frdate():
    """Django's `date` writes « 1 août »: every day a page shows goes through `frdate`."""
    import re
    from pathlib import Path

    import maillage

    day_format = re.compile(r'\|date:"(DATE_FORMAT|DATETIME_FORMAT|j [^"]*)"')
    found = [
        f"{path}: {match.group(0)}"
        for path in Path(maillage.__file__).parent.rglob("templates/**/*.html")
        for match in day_format.finditer(path.read_text())
    ]
    assert found == []


FRAGMENT = (
    '{% cachedfragment "tests.fragment" "list" group %}<p>{{ name }}</p>{% endcachedfragment %}'
)


def test_a_cached_fragment_is_kept_per_part_and_language_until_its_namespace_is_bumped():
    from maillage.core import cache

    with translation.override("fr-ca"):
        assert render(FRAGMENT, group=1, name="Habitation") == "<p>Habitation</p>"
        # Kept: the enclosed markup is not rendered again for the same parts.
        assert render(FRAGMENT, group=1, name="Transport") == "<p>Habitation</p>"
        assert render(FRAGMENT, group=2, name="Transport") == "<p>Transport</p>"
    with translation.override("en"):
        assert render(FRAGMENT, group=1, name="Housing") == "<p>Housing</p>"
    cache.bump("tests.fragment")
    with translation.override("fr-ca"):
        assert render(FRAGMENT, group=1, name="Logement") == "<p>Logement</p>"


def test_markup_that_belongs_to_one_request_is_never_kept():
    source = (
        '{% cachedfragment "tests.forms" "form" 1 %}'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{{ token }}">'
        "{% endcachedfragment %}"
    )
    assert render(source, token="a") != render(source, token="b")
    script = (
        '{% cachedfragment "tests.scripts" 1 %}<script nonce="{{ n }}"></script>'
        "{% endcachedfragment %}"
    )
    assert render(script, n="x") == '<script nonce="x"></script>'
    assert render(script, n="y") == '<script nonce="y"></script>'


def test_a_cached_fragment_names_what_it_depends_on():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="at least one part"):
        render('{% cachedfragment "tests.fragment" %}x{% endcachedfragment %}')
