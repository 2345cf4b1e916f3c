"""Small helpers for the French of sentences built around names."""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# "de" before a vowel elides: "le mandat d’Ulysse", never "de Ulysse". A leading "h" is left
# alone (aspirated or not, it cannot be told from the spelling).
_DE_BEFORE_VOWEL = re.compile(r"\b([Dd])e (?=[AEIOUYÀÂÄÉÈÊËÎÏÔÖÛÙÜaeiouyàâäéèêëîïôöûùü])")


def elide[T: str](text: T) -> T:
    """`text` with French elisions made, when the active language is French."""
    if not (get_language() or "fr").startswith("fr"):
        return text
    elided = _DE_BEFORE_VOWEL.sub(r"\1’", text)
    return mark_safe(elided) if isinstance(text, SafeString) else elided  # type: ignore[return-value]
