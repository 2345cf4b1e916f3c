from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from maillage.core.text import elide


def test_french_elides_de_before_a_vowel_only():
    with translation.override("fr-ca"):
        assert elide("le mandat de Ulysse au rôle Animation") == (
            "le mandat d’Ulysse au rôle Animation"
        )
        assert elide("De Émilie, de Marie, de Hélène") == "D’Émilie, de Marie, de Hélène"
        assert elide("la vidéo de Inès") == "la vidéo d’Inès"
        safe = elide(mark_safe("de <b>Ulysse</b> et de Yves"))
        assert isinstance(safe, SafeString) and safe == "de <b>Ulysse</b> et d’Yves"
    with translation.override("en"):
        assert elide("the term of Ulysse, de Ulysse") == "the term of Ulysse, de Ulysse"
