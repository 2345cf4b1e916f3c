"""Send the governance calendar's reminders. Run it once a day (cron or a systemd timer):

    15 7 * * *  cd /srv/maillage && .venv/bin/python manage.py send_reminders

Running it more often, or twice, sends nothing more: each reminder goes out once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.permissions import SYSTEM
from maillage.governance.services.calendars import reminders_send
from maillage.governance.tasks import send_governance_reminders


class Command(ScheduledCommand):
    help = (
        "Remind people of upcoming policy reviews, term ends and workstream sunsets "
        "(run daily; each reminder is sent once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--date", default="", help="Act as if today were this date (YYYY-MM-DD)."
        )

    def _today(self, options: dict[str, Any]) -> str | None:
        today = options["date"] or None
        if today:
            try:
                date.fromisoformat(today)
            except ValueError:
                raise CommandError(
                    _("Not a date: %(value)s (expected YYYY-MM-DD).") % {"value": today}
                ) from None
        return today

    def enqueue(self, **options: Any) -> list[str]:
        result = send_governance_reminders.enqueue(self._today(options))
        return [_("Reminders enqueued (task %(id)s).") % {"id": result.id}]

    def run(self, **options: Any) -> list[str]:
        today = self._today(options)
        # Done here rather than through the task, to report who could not be reached.
        report = reminders_send(actor=SYSTEM, today=date.fromisoformat(today) if today else None)
        lines = [
            _("%(sent)d reminder(s) sent (%(events)d event(s) due).")
            % {"sent": report.sent, "events": report.events}
        ]
        if report.skipped_without_account:
            names = ", ".join(sorted(set(report.skipped_without_account)))
            lines.append(_("Without an account, not reminded: %(names)s.") % {"names": names})
        return lines
