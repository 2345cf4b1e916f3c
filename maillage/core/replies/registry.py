"""The purposes a reply address may carry, each registered by the app that handles its
answers (`register_reply_handler` in the app's `AppConfig.ready()`): the core reads and checks
the message, the app records the answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from maillage.core.models import User
from maillage.core.replies.answers import Answer, AnswerKind
from maillage.core.tokens import PURPOSE


class ReplyHandler(Protocol):
    """Records `answer` as `actor`'s about the object `object_id`; refuses it by raising
    `ValidationError` or `PermissionDenied` with a translated reason (the process is closed, the
    person no longer takes part…). Called inside a transaction that a refusal rolls back."""

    def __call__(self, *, actor: User, object_id: int, answer: Answer) -> None: ...


@dataclass(frozen=True)
class ReplyPurpose:
    name: str
    handler: ReplyHandler
    # The kinds of answer the handler takes; any other gets the help reply.
    accepts: frozenset[AnswerKind]
    # The labels of the options an answer may name, for a choice.
    choices: Callable[[int], Sequence[str]] | None = None


REPLY_HANDLERS: dict[str, ReplyPurpose] = {}


def register_reply_handler(
    purpose: str,
    handler: ReplyHandler,
    *,
    accepts: Iterable[AnswerKind],
    choices: Callable[[int], Sequence[str]] | None = None,
) -> ReplyPurpose:
    if not PURPOSE.match(purpose):
        raise ImproperlyConfigured(f"A reply purpose is a short lowercase word, not {purpose!r}.")
    known = REPLY_HANDLERS.get(purpose)
    if known is not None and known.handler is not handler:
        raise ImproperlyConfigured(f"The reply purpose {purpose!r} already has a handler.")
    registered = ReplyPurpose(purpose, handler, frozenset(accepts), choices)
    REPLY_HANDLERS[purpose] = registered
    return registered
