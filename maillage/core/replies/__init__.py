"""Answers by e-mail: reply addresses carrying a signed token (`reply_address`), the reading of
an incoming message (`messages`), the answer its first words give (`answers`), the handlers the
apps register per purpose (`register_reply_handler`), and what the person is told
(`outcomes`). The service that ties them is `core.services.email_reply_receive`; the command
`manage.py receive_email` feeds it."""

from maillage.core.replies.addresses import reply_address
from maillage.core.replies.answers import Answer, AnswerKind, parse_answer
from maillage.core.replies.outcomes import how_to_answer
from maillage.core.replies.registry import ReplyHandler, register_reply_handler

__all__ = [
    "Answer",
    "AnswerKind",
    "ReplyHandler",
    "how_to_answer",
    "parse_answer",
    "register_reply_handler",
    "reply_address",
]
