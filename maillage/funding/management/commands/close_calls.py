"""Close the published calls for projects whose closing time has passed. Run it often (cron or
a systemd timer), e.g. every five minutes:

    */5 * * * *  cd /srv/maillage && .venv/bin/python manage.py close_calls

A call is closed once: running it again does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from maillage.funding.services.calls import calls_close_due
from maillage.funding.tasks import close_due_calls


class Command(BaseCommand):
    help = "Close the published calls for projects whose closing time has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker (manage.py db_worker) instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = close_due_calls.enqueue()
            self.stdout.write(_("Closing enqueued (task %(id)s).") % {"id": result.id})
            return
        closed = calls_close_due()
        self.stdout.write(self.style.SUCCESS(_("%(count)d call(s) closed.") % {"count": closed}))
