"""Remind the voices still awaited in the asynchronous consent rounds whose deadline is near
(`MAILLAGE_DECISION_REMINDER_HOURS`, once per round), close the rounds whose deadline has passed,
and do what polls need at their times (open the scheduled ones, remind the awaited voices before
closing, close). Run it often (cron or a systemd timer), e.g. every five minutes:

    */5 * * * *  cd /srv/maillage && .venv/bin/python manage.py close_decisions

A round or a poll is reminded once and closed once: running it again does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.permissions import SYSTEM
from maillage.decisions.services import polls_due, processes_close_due, processes_remind_due
from maillage.decisions.tasks import close_due_processes, remind_due_processes


class Command(ScheduledCommand):
    help = (
        "Remind the awaited voices of the asynchronous consent rounds whose deadline is near, "
        "close those whose deadline has passed, open, remind and close polls at their times (run "
        "every few minutes)."
    )

    def enqueue(self, **options: Any) -> list[str]:
        reminding, closing = remind_due_processes.enqueue(), close_due_processes.enqueue()
        return [
            _("Reminders enqueued (task %(id)s).") % {"id": reminding.id},
            _("Closing enqueued (task %(id)s).") % {"id": closing.id},
        ]

    def run(self, **options: Any) -> list[str]:
        reminded = processes_remind_due(actor=SYSTEM)
        report = processes_close_due(actor=SYSTEM)
        polls = polls_due(actor=SYSTEM)
        return [
            _("%(count)d consent round(s) reminded.") % {"count": reminded},
            _(
                "%(closed)d consent round(s) closed: %(consented)d consented, "
                "%(integrating)d to integrate."
            )
            % {
                "closed": report.closed,
                "consented": report.consented,
                "integrating": report.integrating,
            },
            _("Polls: %(opened)d opened, %(reminded)d reminded, %(closed)d closed.")
            % {"opened": polls.opened, "reminded": polls.reminded, "closed": polls.closed},
        ]
