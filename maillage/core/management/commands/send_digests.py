"""Send the daily digest of notifications to the accounts that chose it, once a day (cron or a
systemd timer), e.g. at 7 a.m.:

    0 7 * * *  cd /srv/maillage && .venv/bin/python manage.py send_digests

Each notification goes in one digest only: running it again sends only what is new since.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.services import digests_send
from maillage.core.tasks import send_digests


class Command(ScheduledCommand):
    help = "Send the daily digest of notifications to the accounts that chose it (once a day)."

    def enqueue(self, **options: Any) -> list[str]:
        return [_("Digests enqueued (task %(id)s).") % {"id": send_digests.enqueue().id}]

    def run(self, **options: Any) -> list[str]:
        return [_("%(count)d digest(s) sent.") % {"count": digests_send()}]
