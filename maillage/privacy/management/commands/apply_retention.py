"""Remove what is past its retention period, once a day (cron or a systemd timer), e.g.:

    30 3 * * *  cd /srv/maillage && .venv/bin/python manage.py apply_retention

`--dry-run` lists what would be removed, per rule, and changes nothing; each run is logged on the
privacy area's retention page.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from maillage.core.actors import SYSTEM
from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.personal import load
from maillage.privacy.services import retention_apply
from maillage.privacy.tasks import apply_retention


class Command(ScheduledCommand):
    help = "Remove the personal information past its retention period (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be removed, per rule, and change nothing.",
        )

    def enqueue(self, **options: Any) -> list[str]:
        result = apply_retention.enqueue(dry_run=options["dry_run"])
        return [_("Retention enqueued (task %(id)s).") % {"id": result.id}]

    def run(self, **options: Any) -> list[str]:
        run = retention_apply(actor=SYSTEM, dry_run=options["dry_run"])
        rules = load().retention
        lines = []
        for key, items in run.items.items():
            label = str(rules[key].label) if key in rules else key
            count = len(items) if run.dry_run else run.removed.get(key, 0)
            lines.append(f"{label}: {count}")
            if run.dry_run:
                lines += [f"  - {item['label']}" for item in items]
        if run.dry_run:
            lines.append(_("Simulation: nothing was removed (run %(id)s).") % {"id": run.pk})
        else:
            lines.append(
                _("%(count)d record(s) removed (run %(id)s).") % {"count": run.total, "id": run.pk}
            )
        return lines
