"""Reply addresses: `MAILLAGE_REPLY_ADDRESS` (`reponse@maillage.example.org`) with a signed
token after a "+" (`reponse+<token>@maillage.example.org`), the `Reply-To` of an e-mail that
awaits a person's answer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation

from maillage.core.models import User
from maillage.core.replies.messages import address_parts
from maillage.core.tokens import reply_token


def reply_address(
    *,
    user: User,
    purpose: str,
    object_id: int,
    expires: datetime | None = None,
    language: str | None = None,
) -> str:
    """The address at which `user` answers about `object_id` for `purpose` until `expires`
    (`MAILLAGE_REPLY_DAYS` from now by default), in `language` (the active one by default: the
    e-mail's). "" when the platform has no reply address (`MAILLAGE_REPLY_ADDRESS` unset): the
    e-mail then asks to answer on the platform only."""
    base = settings.MAILLAGE_REPLY_ADDRESS
    if not base:
        return ""
    local, domain = address_parts(base)
    token = reply_token(
        user_id=user.pk,
        purpose=purpose,
        object_id=object_id,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        expires=expires or timezone.now() + timedelta(days=settings.MAILLAGE_REPLY_DAYS),
    )
    return f"{local}+{token}@{domain}"


def token_in(recipients: Iterable[str]) -> str | None:
    """The token of the first of `recipients` that is a reply address of the platform."""
    base = settings.MAILLAGE_REPLY_ADDRESS
    if not base:
        return None
    local, domain = address_parts(base)
    for recipient in recipients:
        their_local, their_domain = address_parts(recipient)
        tag, plus, token = their_local.partition("+")
        if plus and token and tag == local and their_domain == domain:
            return token
    return None
