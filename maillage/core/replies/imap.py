"""Polling a mailbox for replies (`manage.py receive_email --imap`), with imap-tools: each
unread message is handed to `receive`; a handled one is marked read, and moved to the done
folder when one is set. A message whose handling failed (the database unreachable) stays unread
for the next poll."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessageFlags
from imap_tools.mailbox import BaseMailBox

logger = logging.getLogger(__name__)

SECURITY = ("ssl", "starttls", "none")


class ImapConfigurationError(Exception):
    pass


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    security: str = "ssl"
    done_folder: str = ""

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> Mailbox:
        missing = [name for name in ("host", "user", "password") if not values.get(name)]
        if missing:
            names = ", ".join(f"MAILLAGE_IMAP_{name.upper()}" for name in missing)
            raise ImapConfigurationError(f"Set {names} to poll a mailbox.")
        security = values.get("security") or "ssl"
        if security not in SECURITY:
            raise ImapConfigurationError(
                f"MAILLAGE_IMAP_SECURITY is {security!r}: one of {', '.join(SECURITY)}."
            )
        port = int(values.get("port") or (993 if security == "ssl" else 143))
        return cls(
            host=values["host"],
            port=port,
            user=values["user"],
            password=values["password"],
            folder=values.get("folder") or "INBOX",
            security=security,
            done_folder=values.get("done_folder") or "",
        )

    def connect(self) -> BaseMailBox:
        if self.security == "ssl":
            return MailBox(self.host, self.port, timeout=60)
        if self.security == "starttls":
            return MailBoxStartTls(self.host, self.port, timeout=60)
        return MailBoxUnencrypted(self.host, self.port, timeout=60)


@dataclass(frozen=True)
class Poll:
    handled: int
    failed: int


def poll(mailbox: Mailbox, receive: Callable[[bytes], object], *, limit: int = 200) -> Poll:
    """Hand each unread message of the mailbox's folder (at most `limit`) to `receive`."""
    handled = failed = 0
    with mailbox.connect().login(mailbox.user, mailbox.password, mailbox.folder) as box:
        if mailbox.done_folder and not box.folder.exists(mailbox.done_folder):
            box.folder.create(mailbox.done_folder)
        # Read without marking: a message is marked only once it has been handled.
        for message in box.fetch(AND(seen=False), mark_seen=False, limit=limit, bulk=False):
            uid = message.uid
            if uid is None:
                continue
            try:
                receive(message.obj.as_bytes())
            except Exception:
                # Left unread, tried again at the next poll.
                logger.exception("Reply %s in %s not handled", uid, mailbox.folder)
                failed += 1
                continue
            box.flag(uid, MailMessageFlags.SEEN, True)
            if mailbox.done_folder:
                box.move(uid, mailbox.done_folder)
            handled += 1
    return Poll(handled=handled, failed=failed)
