"""The privacy app's background work: the daily retention run."""

from __future__ import annotations

from django.tasks import task

from maillage.core.actors import SYSTEM


@task()
def apply_retention(dry_run: bool = False) -> int:
    """Apply the retention rules (`services.retention_apply`); returns the run's id."""
    from maillage.privacy.services import retention_apply

    return retention_apply(actor=SYSTEM, dry_run=dry_run).pk
