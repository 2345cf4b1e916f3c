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
