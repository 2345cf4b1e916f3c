"""Reading an incoming message: the sender, the recipients, whether a program sent it, and the
text its author wrote, without the quoted message nor the signature."""

from __future__ import annotations

import pytest

from maillage.core.replies.messages import (
    address_parts,
    html_text,
    read_message,
)
from maillage.core.tests.replies.conftest import eml


@pytest.mark.parametrize(
    ("name", "sender", "text"),
    [
        ("gmail-fr-consent.eml", "marie.tremblay@example.org", "Je consens, merci!"),
        (
            "outlook-fr-objection.eml",
            "marie.tremblay@example.org",
            "Objection : le budget de l’an 2 ne prévoit rien pour le transport des participants "
            "de Charlevoix. Il faudrait une ligne d’au moins 5 000 $.",
        ),
        ("apple-mail-en-consent.eml", "john.smith@example.org", "I consent."),
        (
            "thunderbird-en-question.eml",
            "john.smith@example.org",
            "Could you send me the budget table again? I consent if the transport line\nis there.",
        ),
        (
            "thunderbird-fr-abstain-html.eml",
            "marie.tremblay@example.org",
            "Je m’abstiens : je siège aussi au conseil d’administration de l’organisme.",
        ),
    ],
)
def test_the_authors_text_of_each_client(name, sender, text):
    incoming = read_message(eml(name, "t0k3n"))
    assert incoming.sender == sender
    assert incoming.text == text
    assert "reponse+t0k3n@maillage.example.org" in incoming.recipients
    assert not incoming.automatic
    assert incoming.message_id.startswith("<")


def test_the_subject_is_decoded():
    incoming = read_message(eml("outlook-fr-objection.eml", "x"))
    assert incoming.subject == "RE: [Collectif IDS-CN] Votre réponse est attendue : Budget 2027"


def test_an_out_of_office_reply_is_automatic():
    assert read_message(eml("outlook-fr-out-of-office.eml", "x")).automatic


@pytest.mark.parametrize(
    "header",
    [
        b"Auto-Submitted: auto-replied",
        b"Precedence: bulk",
        b"X-Autoreply: yes",
        b"List-Id: <partenaires.example.org>",
    ],
)
def test_programs_say_they_wrote(header):
    raw = b"From: a@example.org\r\nTo: b@example.org\r\n" + header + b"\r\n\r\nJe consens\r\n"
    assert read_message(raw).automatic
    plain = b"From: a@example.org\r\nAuto-Submitted: no\r\n\r\nJe consens\r\n"
    assert not read_message(plain).automatic


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Je consens\n\n-- \nMarie\n", "Je consens"),
        ("I consent\n\n-----Original Message-----\nFrom: x\n\nbla\n", "I consent"),
        ("Je consens\n\n-------- Message d'origine --------\nDe : x\n", "Je consens"),
        (
            "Abstention\n\nEnvoyé de mon iPhone\n\n> Le 30 nov. 2026 à 10:02, x a écrit :\n",
            "Abstention",
        ),
        ("consent\n> quoted\n> more\n", "consent"),
        (
            "Je consens\n\nDe : Collectif IDS-CN <noreply@example.org>\nEnvoyé : 30 novembre "
            "2026 10:02\nÀ : Marie <m@example.org>\nObjet : Budget\n\nbla\n",
            "Je consens",
        ),
        (
            "Je consens\n\nObtenir Outlook pour iOS<https://aka.ms/o0ukef>\n"
            "________________________________\nDe : Collectif <n@example.org>\n"
            "Envoyé : Monday, November 30, 2026 10:02:11 AM\nÀ : Marie\nObjet : y\n\nbla",
            "Je consens",
        ),
        (
            "D'accord\n\nLe lundi 30 novembre 2026, 10 h 02 min 03 s UTC−5, Collectif IDS-CN "
            "<noreply@example.org> a écrit :\n\nbla bla\n",
            "D'accord",
        ),
        (
            "I consent\n\nFrom: Collectif IDS-CN <noreply@example.org>\nSent: Monday, "
            "November 30, 2026 10:02 AM\nTo: John <j@example.org>\nSubject: y\n\nbla",
            "I consent",
        ),
        (
            "Pas d'accord.\n\nOn Mon, Nov 30, 2026 at 10:02 AM Collectif IDS-CN <\n"
            "noreply@example.org> wrote:\n\n> bla\n",
            "Pas d'accord.",
        ),
    ],
)
def test_quotes_and_signatures_are_cut(body, text):
    raw = ("From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()
    assert read_message(raw).text == text


def test_a_message_without_one_sender_has_none():
    raw = b"From: a@example.org, b@example.org\r\n\r\nJe consens\r\n"
    assert read_message(raw).sender == ""
    assert read_message(b"\r\n\r\nJe consens").sender == ""


def test_an_unknown_charset_reads_as_nothing():
    raw = (
        b"From: a@example.org\r\nContent-Type: text/plain; charset=x-unknown-42\r\n\r\nconsent\r\n"
    )
    assert read_message(raw).text == ""


def test_html_text_keeps_lines_and_leaves_quotes_scripts_and_styles_out():
    html = (
        "<style>p{}</style><p>Je&nbsp;consens</p><div>merci<br>Marie</div>"
        "<blockquote type='cite'>Objection</blockquote><script>x()</script>"
    )
    assert html_text(html) == "Je consens\n\nmerci\nMarie"


def test_address_parts_are_lowercased():
    assert address_parts("Reponse+AbC@Maillage.Example.org") == (
        "reponse+abc",
        "maillage.example.org",
    )
    assert address_parts("nothing") == ("", "")
