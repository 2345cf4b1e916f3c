"""Send the daily digest of notifications to the accounts that chose it, once a day (cron or a
systemd timer), e.g. at 7 a.m.:

    0 7 * * *  cd /srv/maillage && .venv/bin/python manage.py send_digests

Each notification goes in one digest only: running it again sends only what is new since.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from maillage.core.services import digests_send
from maillage.core.tasks import send_digests


class Command(BaseCommand):
    help = "Send the daily digest of notifications to the accounts that chose it (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker (manage.py db_worker) instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_digests.enqueue()
            self.stdout.write(_("Digests enqueued (task %(id)s).") % {"id": result.id})
            return
        sent = digests_send()
        self.stdout.write(self.style.SUCCESS(_("%(count)d digest(s) sent.") % {"count": sent}))
