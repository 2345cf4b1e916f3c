"""Close the published calls for projects whose closing time has passed. Run it often (cron or
a systemd timer), e.g. every five minutes:

    */5 * * * *  cd /srv/maillage && .venv/bin/python manage.py close_calls

A call is closed once: running it again does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.funding.services.calls import calls_close_due
from maillage.funding.tasks import close_due_calls


class Command(ScheduledCommand):
    help = "Close the published calls for projects whose closing time has passed."

    def enqueue(self, **options: Any) -> list[str]:
        return [_("Closing enqueued (task %(id)s).") % {"id": close_due_calls.enqueue().id}]

    def run(self, **options: Any) -> list[str]:
        return [_("%(count)d call(s) closed.") % {"count": calls_close_due()}]
