"""What a reply says: its first words read as an answer (consent, objection and its reason,
agree, disagree, abstain, block, a score, a choice), in French or in English, accents and case
ignored; anything else is not understood. Which answers count is the handler's decision."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

# What follows the answer's words is kept up to this length (an objection's reason).
REASON_MAX = 5000


class AnswerKind(models.TextChoices):
    CONSENT = "consent", _("consent")
    OBJECTION = "objection", _("objection")
    AGREE = "agree", _("agree")
    DISAGREE = "disagree", _("disagree")
    ABSTAIN = "abstain", _("abstain")
    BLOCK = "block", _("block")
    SCORE = "score", _("score")
    CHOICE = "choice", _("choice")


@dataclass(frozen=True)
class Answer:
    """An answer read from a reply. `reason` is what follows the answer's words (an objection's
    reasoning, a comment); `score` a number given; `choice` an option's number, from 1."""

    kind: AnswerKind
    reason: str = ""
    score: Decimal | None = None
    choice: int | None = None


# Each phrase as it reads once folded (lowercase, no accents, straight apostrophes). Longer
# phrases are tried first, so "pas d'accord" is never read as "d'accord", nor "pas d'objection"
# as an objection.
PHRASES: dict[AnswerKind, tuple[str, ...]] = {
    AnswerKind.CONSENT: (
        "je consens",
        "j'y consens",
        "consens",
        "consentement",
        "je donne mon consentement",
        "pas d'objection",
        "aucune objection",
        "sans objection",
        "i consent",
        "consent",
        "no objection",
        "no objections",
    ),
    AnswerKind.OBJECTION: (
        "objection",
        "j'ai une objection",
        "j'objecte",
        "i object",
        "i have an objection",
    ),
    AnswerKind.AGREE: ("d'accord", "daccord", "je suis d'accord", "agree", "i agree"),
    AnswerKind.DISAGREE: (
        "pas d'accord",
        "pas daccord",
        "je ne suis pas d'accord",
        "desaccord",
        "en desaccord",
        "je suis en desaccord",
        "disagree",
        "i disagree",
    ),
    AnswerKind.ABSTAIN: (
        "abstention",
        "je m'abstiens",
        "abstiens",
        "abstain",
        "i abstain",
    ),
    AnswerKind.BLOCK: ("blocage", "je bloque", "bloquer", "block", "i block"),
}


def _pattern(phrase: str) -> str:
    words = [re.escape(word) for word in phrase.split(" ")]
    return r"\s+".join(words).replace("'", r"'\s*")


_PHRASES = sorted(
    (
        (kind, re.compile(_pattern(phrase)))
        for kind, phrases in PHRASES.items()
        for phrase in phrases
    ),
    key=lambda item: -len(item[1].pattern),
)
_END = re.compile(r"(?![a-z0-9])")
# "Bonjour," or "Hello Marie!" before the answer, on its own or followed by a comma.
_GREETING = re.compile(
    r"(?:bonjour|bonsoir|salut|allo|hello|hi|hey|dear)(?:[ \t]+[^\s,!.:;]+){0,3}[ \t]*[,!\n]\s*"
)
_SCORE = re.compile(
    r"(?:(?:note|score|vote|rating)\s*:?\s*)?(\d{1,6}(?:[.,]\d{1,4})?)(?:\s*/\s*\d+)?"
)
_CHOICE_PREFIX = re.compile(
    r"(?:je\s+choisis|i\s+choose|choix|choice|option)\s*(?:n[o°º]\.?|#|:)?\s*"
)
_NUMBER = re.compile(r"#?(\d{1,4})")
_SEPARATORS = " \t\r\n:;,.!?-–—"


def fold(text: str) -> tuple[str, list[int]]:
    """`text` lowercased, without accents, with straight apostrophes; and for each folded
    character, the position of the character of `text` it comes from."""
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        plain = plain.lower().replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
        folded.append(plain)
        origin.extend([position] * len(plain))
    origin.append(len(text))
    return "".join(folded), origin


def parse_answer(text: str, *, choices: Sequence[str] = ()) -> Answer | None:
    """The answer that `text` begins with, or None when it begins with none. `choices` are the
    labels of the options the answer may name (a number from 1 names one too)."""
    folded, origin = fold(text.strip())
    text = text.strip()
    start = 0
    greeting = _GREETING.match(folded)
    if greeting:
        start = greeting.end()

    def rest(end: int) -> str:
        return text[origin[end] :].lstrip(_SEPARATORS).strip()[:REASON_MAX]

    for kind, pattern in _PHRASES:
        found = pattern.match(folded, start)
        if found and _END.match(folded, found.end()):
            return Answer(kind=kind, reason=rest(found.end()))
    prefix = _CHOICE_PREFIX.match(folded, start)
    at = prefix.end() if prefix else start
    labels = sorted(
        ((number, fold(label.strip())[0]) for number, label in enumerate(choices, start=1)),
        key=lambda item: -len(item[1]),
    )
    for number, label in labels:
        if label and folded.startswith(label, at) and _END.match(folded, at + len(label)):
            return Answer(kind=AnswerKind.CHOICE, choice=number, reason=rest(at + len(label)))
    if prefix or choices:
        found = _NUMBER.match(folded, at)
        if found and _END.match(folded, found.end()):
            number = int(found.group(1))
            if not choices or 1 <= number <= len(choices):
                return Answer(kind=AnswerKind.CHOICE, choice=number, reason=rest(found.end()))
        if prefix:
            return None
    found = _SCORE.match(folded, start)
    if found and _END.match(folded, found.end()):
        try:
            score = Decimal(found.group(1).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
        return Answer(kind=AnswerKind.SCORE, score=score, reason=rest(found.end()))
    return None
