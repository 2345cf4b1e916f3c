"""Tokens of links sent by e-mail (invitations): the database keeps only a token's hash and a
salt; the salt, signed with the secret key, makes the token again when a task sends the e-mail,
so neither the database nor the task queue ever holds it."""

from __future__ import annotations

import hashlib
import secrets
from typing import Protocol

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
