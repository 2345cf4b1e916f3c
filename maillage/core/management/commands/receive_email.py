"""Receive replies by e-mail.

- `manage.py receive_email [--recipient ADDRESS]`: one RFC 822 message on standard input, for
  a mail server's pipe (Postfix: `pipe … argv=… receive_email --recipient ${recipient}`). Exit
  status as the mail server reads it (sysexits): 0 once the message is handled, recorded or
  refused (a refusal is audited, never bounced: a bounce would tell a stranger something);
  65 for an empty or oversized input; 75, a temporary failure (the database unreachable), so
  that the mail server delivers it again later.
- `manage.py receive_email --imap [--every SECONDS]`: reads the unread messages of the mailbox
  set by the MAILLAGE_IMAP_* environment variables, once or every SECONDS.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.actors import SYSTEM
from maillage.core.replies.imap import ImapConfigurationError, Mailbox, poll
from maillage.core.services.replies import email_reply_receive

logger = logging.getLogger(__name__)

EX_DATAERR = 65
EX_TEMPFAIL = 75
EX_CONFIG = 78
# A reply is a few lines; a message larger than this is not one.
MAX_BYTES = 25 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Receive a reply by e-mail on standard input (for a mail server's pipe), or poll the "
        "mailbox set by MAILLAGE_IMAP_* with --imap."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recipient", default="", help="The envelope's recipient, as the mail server gives it."
        )
        parser.add_argument("--imap", action="store_true", help="Poll the IMAP mailbox.")
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="With --imap: poll again every SECONDS, until stopped.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["imap"]:
            self._poll(options["every"])
        else:
            self._one(options["recipient"])

    def _one(self, recipient: str) -> None:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if not raw.strip() or len(raw) > MAX_BYTES:
            raise CommandError("No message, or a message too large.", returncode=EX_DATAERR)
        try:
            received = email_reply_receive(actor=SYSTEM, message=raw, recipient=recipient)
        except Exception as error:
            logger.exception("Reply by e-mail not handled")
            raise CommandError(f"Not handled: {error}", returncode=EX_TEMPFAIL) from error
        self.stdout.write(received.outcome.value)

    def _poll(self, every: int) -> None:
        try:
            mailbox = Mailbox.from_settings(settings.MAILLAGE_IMAP)
        except ImapConfigurationError as error:
            raise CommandError(str(error), returncode=EX_CONFIG) from error
        while True:
            try:
                done = poll(mailbox, lambda raw: email_reply_receive(actor=SYSTEM, message=raw))
            except OSError as error:  # the server unreachable: tell, and try again later
                if not every:
                    raise CommandError(f"IMAP: {error}", returncode=EX_TEMPFAIL) from error
                logger.warning("IMAP poll failed: %s", error)
            else:
                self.stdout.write(f"{done.handled} handled, {done.failed} failed")
                if done.failed and not every:
                    raise CommandError(
                        f"{done.failed} message(s) not handled", returncode=EX_TEMPFAIL
                    )
            if not every:
                return
            time.sleep(every)
