"""Remind the handlers of the requests about personal information due within seven days or late
(the law gives thirty days). Run it once a day (cron or a systemd timer):

    20 6 * * *  cd /srv/maillage && .venv/bin/python manage.py privacy_reminders

Running it again the same day does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.permissions import SYSTEM
from maillage.privacy.services.requests import requests_remind_due
from maillage.privacy.tasks import remind_requests


class Command(ScheduledCommand):
    help = (
        "Remind the handlers of the requests about personal information due within seven days "
        "or late (run once a day)."
    )

    def enqueue(self, **options: Any) -> list[str]:
        return [_("Reminders enqueued (task %(id)s).") % {"id": remind_requests.enqueue().id}]

    def run(self, **options: Any) -> list[str]:
        count = requests_remind_due(actor=SYSTEM)
        return [_("%(count)d request(s) reminded.") % {"count": count}]
