"""The first words of a reply read as an answer, in French and in English, accents, case and
apostrophes ignored; anything else is not understood."""

from __future__ import annotations

from decimal import Decimal

import pytest

from maillage.core.replies.answers import Answer, AnswerKind, fold, parse_answer


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Je consens, merci!", AnswerKind.CONSENT),
        ("JE CONSENS", AnswerKind.CONSENT),
        ("Consentement.", AnswerKind.CONSENT),
        ("I consent", AnswerKind.CONSENT),
        ("consent", AnswerKind.CONSENT),
        ("Pas d’objection", AnswerKind.CONSENT),
        ("Aucune objection de ma part", AnswerKind.CONSENT),
        ("No objection.", AnswerKind.CONSENT),
        ("Objection : le budget…", AnswerKind.OBJECTION),
        ("objection: the budget", AnswerKind.OBJECTION),
        ("I object, the budget is short", AnswerKind.OBJECTION),
        ("D'accord", AnswerKind.AGREE),
        ("d’accord!", AnswerKind.AGREE),
        ("Je suis d’accord", AnswerKind.AGREE),
        ("I agree", AnswerKind.AGREE),
        ("Pas d'accord", AnswerKind.DISAGREE),
        ("pas d’accord : trop cher", AnswerKind.DISAGREE),
        ("En désaccord", AnswerKind.DISAGREE),
        ("EN DESACCORD", AnswerKind.DISAGREE),
        ("Disagree", AnswerKind.DISAGREE),
        ("Abstention", AnswerKind.ABSTAIN),
        ("Je m’abstiens", AnswerKind.ABSTAIN),
        ("abstain", AnswerKind.ABSTAIN),
        ("Blocage : contraire à notre mission", AnswerKind.BLOCK),
        ("Je bloque", AnswerKind.BLOCK),
        ("block", AnswerKind.BLOCK),
        ("Bonjour,\nje consens.", AnswerKind.CONSENT),
        ("Bonjour Marie-Ève,\nPas d'accord.", AnswerKind.DISAGREE),
        ("Hi all! I agree", AnswerKind.AGREE),
    ],
)
def test_an_answer_is_read_from_the_first_words(text, kind):
    answer = parse_answer(text)
    assert answer is not None
    assert answer.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Je ne consens pas",
        "I do not consent",
        "Consentir? Je ne sais pas.",
        "Consentements multiples",
        "Objections diverses",
        "Blockchain",
        "Could you send me the budget table again? I consent if the line is there.",
        "Merci pour l’envoi",
        "Bonjour je consens",  # a greeting ends with a comma, an exclamation mark or a line
        "option",
        "choix : mardi",  # no such option
    ],
)
def test_anything_else_is_not_understood(text):
    assert parse_answer(text) is None


def test_what_follows_the_answer_is_its_reason_in_the_original_spelling():
    assert parse_answer("Objection : le budget de l’an 2 ne prévoit rien.\n\nMarie") == Answer(
        AnswerKind.OBJECTION, reason="le budget de l’an 2 ne prévoit rien.\n\nMarie"
    )
    assert parse_answer("ÉNORME objection") is None
    assert parse_answer("Je consens") == Answer(AnswerKind.CONSENT)


@pytest.mark.parametrize(
    ("text", "score"),
    [("4", "4"), ("4,5", "4.5"), ("3.5/5", "3.5"), ("Note : 8", "8"), ("score: 7 out of 10", "7")],
)
def test_a_number_is_a_score(text, score):
    answer = parse_answer(text)
    assert answer is not None
    assert (answer.kind, answer.score) == (AnswerKind.SCORE, Decimal(score))


def test_a_choice_by_its_number_or_its_label():
    options = ["Lundi 7 décembre, 9 h", "Mardi 8 décembre, 13 h"]
    assert parse_answer("Option 2", choices=options) == Answer(AnswerKind.CHOICE, choice=2)
    assert parse_answer("choix n° 1", choices=options) == Answer(AnswerKind.CHOICE, choice=1)
    assert parse_answer("2", choices=options) == Answer(AnswerKind.CHOICE, choice=2)
    assert parse_answer("mardi 8 DECEMBRE, 13 h, merci", choices=options) == Answer(
        AnswerKind.CHOICE, choice=2, reason="merci"
    )
    assert parse_answer("Choix : lundi 7 décembre, 9 h", choices=options) == Answer(
        AnswerKind.CHOICE, choice=1
    )
    # Without the options, "option 2" names the second; a number out of range is a score.
    assert parse_answer("option 2") == Answer(AnswerKind.CHOICE, choice=2)
    assert parse_answer("3", choices=options) == Answer(AnswerKind.SCORE, score=Decimal(3))
    assert parse_answer("option 3", choices=options) is None


def test_folding_keeps_the_way_back_to_the_original():
    folded, origin = fold("Œuvre d’Été")
    assert folded == "œuvre d'ete"
    assert origin[folded.index("ete")] == 8
