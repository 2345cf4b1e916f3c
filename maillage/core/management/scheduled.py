"""The commands a cron or a systemd timer runs (digests, reminders, closings): each does its
work now and reports it, or, with `--enqueue`, hands it to the task worker
(`manage.py db_worker`) and says which tasks were enqueued."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class ScheduledCommand(BaseCommand):
    """Subclasses write `run(**options)` (the work done now, as the lines of its report) and
    `enqueue(**options)` (the tasks enqueued, as the lines saying so)."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker (manage.py db_worker) instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = self.enqueue(**options) if options["enqueue"] else self.run(**options)
        for line in lines:
            self.stdout.write(line)

    def run(self, **options: Any) -> list[str]:
        raise NotImplementedError

    def enqueue(self, **options: Any) -> list[str]:
        raise NotImplementedError
