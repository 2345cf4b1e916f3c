"""Close the asynchronous consent rounds whose deadline has passed, and do what polls need at
their times (open the scheduled ones, remind the awaited voices before closing, close). Run it
often (cron or a systemd timer), e.g. every five minutes:

    */5 * * * *  cd /srv/maillage && .venv/bin/python manage.py close_decisions

A round or a poll is closed once and a reminder sent once: running it again does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.decisions.services import polls_due, processes_close_due
from maillage.decisions.tasks import close_due_processes


class Command(BaseCommand):
    help = (
        "Close the asynchronous consent rounds whose deadline has passed, open, remind and "
        "close polls at their times (run every few minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker (manage.py db_worker) instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = close_due_processes.enqueue()
            self.stdout.write(_("Closing enqueued (task %(id)s).") % {"id": result.id})
            return
        report = processes_close_due(actor=SYSTEM)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(closed)d consent round(s) closed: %(consented)d consented, "
                    "%(integrating)d to integrate."
                )
                % {
                    "closed": report.closed,
                    "consented": report.consented,
                    "integrating": report.integrating,
                }
            )
        )
        polls = polls_due(actor=SYSTEM)
        self.stdout.write(
            self.style.SUCCESS(
                _("Polls: %(opened)d opened, %(reminded)d reminded, %(closed)d closed.")
                % {"opened": polls.opened, "reminded": polls.reminded, "closed": polls.closed}
            )
        )
