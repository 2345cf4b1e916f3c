"""Reading an incoming e-mail: its sender, the addresses it was sent to, whether a program sent
it, and the text its author wrote, without the quoted message below it nor the signature.

The standard library's `email` package (with `policy.default`) reads the MIME structure and
decodes headers and bodies; `quotequail` finds where the quoted message starts in the forms the
common clients write (Gmail's "Le … a écrit :", Outlook's "De : … Envoyé :" block and its
"-----Original Message-----", Apple Mail's and Thunderbird's "On … wrote:", in plain text and in
HTML); the rest (lines beginning with ">", the signature after "-- ", "Sent from my iPhone") is
removed here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser

import quotequail

# Headers that name where a message was delivered: an MTA adds Delivered-To, X-Original-To or
# Envelope-To; To and Cc are what the sender wrote.
RECIPIENT_HEADERS = ("delivered-to", "x-original-to", "envelope-to", "to", "cc")
# A text longer than this is not an answer worth reading to its end.
TEXT_MAX = 100_000

_SIGNATURE = re.compile(
    r"^(?:-- ?|—|__+|envoy[ée] de mon \S+.*|sent from my \S+.*|get outlook for \S+.*"
    r"|obtenir outlook pour \S+.*|t[ée]l[ée]charger outlook.*)$",
    re.IGNORECASE,
)
_QUOTE_HEADER = re.compile(
    r"^(?:-{2,}\s*(?:original message|message d'origine|message original)\s*-{2,}"
    r"|_{10,})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Incoming:
    """What the machinery reads of a message."""

    sender: str  # the From address, lowercased; "" when there is not exactly one
    recipients: tuple[str, ...]
    message_id: str
    subject: str
    automatic: bool  # an out-of-office reply, a bounce, a list's message: never answered
    text: str  # what the author wrote, quotes and signature removed


def read_message(raw: bytes) -> Incoming:
    """Read a raw RFC 822 message. Never raises on a malformed one: what cannot be read is
    empty."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return Incoming(
        sender=_sender(message),
        recipients=_recipients(message),
        message_id=_header(message, "message-id")[:250],
        subject=_header(message, "subject")[:250],
        automatic=_automatic(message),
        text=reply_text(message),
    )


def _header(message: EmailMessage, name: str) -> str:
    try:
        # One line: the value may go back out in a header (In-Reply-To).
        return " ".join(str(message.get(name, "") or "").split())
    except (ValueError, IndexError, TypeError):
        return ""


def _sender(message: EmailMessage) -> str:
    values = message.get_all("from") or []
    addresses = [address for _name, address in getaddresses([str(v) for v in values]) if address]
    if len(addresses) != 1 or "@" not in addresses[0]:
        return ""
    return addresses[0].strip().lower()


def _recipients(message: EmailMessage) -> tuple[str, ...]:
    values: list[str] = []
    for name in RECIPIENT_HEADERS:
        values.extend(str(value) for value in message.get_all(name) or [])
    return tuple(address for _name, address in getaddresses(values) if "@" in address)


def _automatic(message: EmailMessage) -> bool:
    """RFC 3834's Auto-Submitted, and the headers older robots write instead."""
    auto = _header(message, "auto-submitted").lower()
    if auto and auto != "no":
        return True
    precedence = _header(message, "precedence").lower()
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        return True
    if any(_header(message, name) for name in ("x-autoreply", "x-autorespond", "list-id")):
        return True
    return message.get_content_type() == "multipart/report"  # a bounce


def reply_text(message: EmailMessage) -> str:
    """The text its author wrote: the plain-text part, else the HTML part's text; without
    the quoted message nor the signature."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        content = part.get_content() if part is not None else ""
    except (LookupError, ValueError, AttributeError):
        return ""  # an unknown charset or a broken part: nothing readable
    if not isinstance(content, str):
        return ""
    content = content[:TEXT_MAX]
    if part is not None and part.get_content_type() == "text/html":
        unwrapped = quotequail.unwrap_html(content)
        text = html_text(unwrapped.get("html_top", "") if unwrapped else content)
    else:
        content = content.replace("\r\n", "\n")
        unwrapped = quotequail.unwrap(content)
        text = unwrapped.get("text_top", "") if unwrapped else content
    return _without_rest(text)


def _without_rest(text: str) -> str:
    """The lines before the first quoted line, quote header or signature."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.startswith(">") or _SIGNATURE.match(line.strip()):
            break
        if _QUOTE_HEADER.match(line.strip()):
            break
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


class _Text(HTMLParser):
    """An HTML part's text: blocks on lines of their own, quotations, scripts and styles
    left out."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    SKIPPED = frozenset({"blockquote", "script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))  # no-break spaces too


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def address_parts(address: str) -> tuple[str, str]:
    """The local part and the domain of an address, lowercased."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    if not at:
        return "", ""
    return local.strip('"').lower(), domain.lower()
