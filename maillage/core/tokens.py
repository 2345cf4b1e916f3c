"""Tokens of links sent by e-mail (invitations): the database keeps only a token's hash and a
salt; the salt, signed with the secret key, makes the token again when a task sends the e-mail,
so neither the database nor the task queue ever holds it."""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import salted_hmac


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
