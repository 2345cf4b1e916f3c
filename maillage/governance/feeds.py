"""Links of the private iCal feeds: `<account id>.<signature>`, signed with the secret key and a
salt made of the account and its feed's generation, so a link cannot be guessed or forged, and
resetting it (a new generation) makes every earlier link invalid. Nothing secret is stored."""

from __future__ import annotations

from django.core import signing

SEPARATOR = "."


def _signer(user_id: int, generation: int) -> signing.Signer:
    return signing.Signer(
        sep=SEPARATOR, salt=f"maillage.governance.calendar-feed:{user_id}:{generation}"
    )


def feed_token(user_id: int, generation: int) -> str:
    return _signer(user_id, generation).sign(str(user_id))


def feed_user_id(token: str) -> int | None:
    """The account id a token claims (not yet checked)."""
    head, separator, _signature = (token or "").partition(SEPARATOR)
    if not separator or not head.isdigit() or len(head) > 18:
        return None
    return int(head)


def feed_check(token: str, user_id: int, generation: int) -> bool:
    try:
        return _signer(user_id, generation).unsign(token) == str(user_id)
    except signing.BadSignature:
        return False
