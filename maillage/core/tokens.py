"""Tokens sent by e-mail.

- Links (invitations): the database keeps only a token's hash and a salt; the salt, signed with
  the secret key, makes the token again when a task sends the e-mail, so neither the database nor
  the task queue ever holds it.
- Reply addresses (`reply_token`, `read_reply_token`): a person, a purpose and an object, the
  language the e-mail was written in and an expiry, signed with Django's signing (the secret key
  and its fallbacks), carried in the local part of an address (`reponse+<token>@domain`). Nothing
  is stored: the signature is the proof.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from maillage.core.dates import long_date


def new_salt() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_from_salt(namespace: str, salt: str) -> str:
    """The token of a link: `salt` signed with the secret key under `namespace`."""
    return salted_hmac(namespace, salt, algorithm="sha256").hexdigest()


def token_again(namespace: str, salt: str, token_hash: str) -> str | None:
    """The token made again from `salt`; None without a salt, or when the secret key has
    changed since it was made (its hash no longer matches)."""
    if not salt:
        return None
    token = token_from_salt(namespace, salt)
    return token if hash_token(token) == token_hash else None


class Sent(Protocol):
    """What an invitation sent by e-mail records of its link's life."""

    revoked_at: object
    accepted_at: object
    expires_at: object


def pending[M: Model](queryset: QuerySet[M], token: str, *, revoked: str, expired: str) -> M:
    """The invitation of `queryset` whose link holds `token`, still pending; else a
    ValidationError saying why it cannot be used. `revoked` and `expired` (with `%(date)s`) say
    whom to ask for a new one."""
    invitation = queryset.filter(token_hash=hash_token(token or "")).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    sent: Sent = invitation  # type: ignore[assignment]
    if sent.revoked_at is not None:
        raise ValidationError(revoked, code="revoked")
    if sent.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    expires = sent.expires_at
    if expires <= timezone.now():  # type: ignore[operator]
        when = long_date(expires)  # type: ignore[arg-type]
        raise ValidationError(expired % {"date": when}, code="expired")
    return invitation


# Reply addresses


class ReplyTokenError(Exception):
    """A reply token that cannot be used; `code` says why: "malformed", "forged" or "expired"."""

    def __init__(self, code: str, token: ReplyToken | None = None) -> None:
        super().__init__(code)
        self.code = code
        # An expired token is still authentic: whose it was is known.
        self.token = token


@dataclass(frozen=True)
class ReplyToken:
    """Who may answer, about what (a purpose registered by an app and an object's id), in
    which language the e-mail was written, and until when."""

    user_id: int
    purpose: str
    object_id: int
    language: str
    expires: datetime


# A purpose is a short lowercase word: it travels in an address, which some systems lowercase,
# and whose local part holds 64 characters (12 here, with the rest, leaves room for big ids).
PURPOSE = re.compile(r"^[a-z][a-z0-9_]{0,11}$")
_SIGNATURE_BYTES = 8  # 64 bits: far beyond guessing, each guess an e-mail sent
_HOUR = 3600  # an expiry is kept to the hour (rounded up): four characters for two centuries
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


class _AddressSigner(signing.Signer):
    """Django's signer with a signature that fits in an e-mail address: lowercase base32 and
    short (a local part holds 64 characters, and may be lowercased on its way)."""

    def signature(self, value: str | bytes, key: str | bytes | None = None) -> str:
        salt = self.salt.decode() if isinstance(self.salt, bytes) else self.salt
        digest = salted_hmac(
            salt + "signer", value, key or self.key, algorithm=self.algorithm
        ).digest()
        return base64.b32encode(digest[:_SIGNATURE_BYTES]).decode().rstrip("=").lower()


def _signer() -> _AddressSigner:
    return _AddressSigner(sep=".", salt="maillage.core.reply", algorithm="sha256")


def _b36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _B36[digit] + digits
        if not number:
            return digits


def reply_token(
    *, user_id: int, purpose: str, object_id: int, language: str, expires: datetime
) -> str:
    """The signed token of a reply address: lowercase letters, digits and dots. It expires at
    the end of the hour of `expires`."""
    if not PURPOSE.match(purpose):
        raise ValueError(f"A reply purpose is a short lowercase word, not {purpose!r}.")
    language = language.split("-")[0].lower()
    if not language.isalpha():
        raise ValueError(f"Not a language code: {language!r}.")
    hours = -(-int(expires.timestamp()) // _HOUR)
    value = ".".join([_b36(user_id), purpose, _b36(object_id), language, _b36(hours)])
    return _signer().sign(value)


def read_reply_token(token: str) -> ReplyToken:
    """The reply token's content, checked: its signature (by the secret key or one of its
    fallbacks) and its expiry. Raises `ReplyTokenError`."""
    token = (token or "").strip().lower()
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        raise ReplyTokenError("forged") from None
    parts = value.split(".")
    try:
        user, purpose, object_id, language, expires = parts
        read = ReplyToken(
            user_id=int(user, 36),
            purpose=purpose,
            object_id=int(object_id, 36),
            language=language,
            expires=datetime.fromtimestamp(int(expires, 36) * _HOUR, tz=UTC),
        )
    except ValueError:
        raise ReplyTokenError("malformed") from None
    if read.expires <= timezone.now():
        raise ReplyTokenError("expired", read)
    return read
