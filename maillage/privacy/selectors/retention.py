"""Reading the retention rules and the log of their runs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import ngettext

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.personal import load
from maillage.privacy.models import RetentionRun

RUNS_SHOWN = 10


@dataclass(frozen=True)
class RuleShown:
    key: str
    label: str
    period: str
    since: str
    action: str


@dataclass(frozen=True)
class RunItems:
    label: str
    count: int
    items: list[str]


def period_text(days: int) -> str:
    """A period in years when it is whole years (what a policy says), else in days."""
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def retention_rules(*, viewer: Viewer) -> list[RuleShown]:
    if not has_perm(viewer, "privacy.view_registers"):
        return []
    return [
        RuleShown(
            key, str(rule.label), period_text(rule.period.days), str(rule.since), str(rule.action)
        )
        for key, rule in load().retention.items()
    ]


def retention_runs(*, viewer: Viewer) -> list[RetentionRun]:
    """The latest runs, each with `per_rule` (what it listed or removed, by rule) and, for a
    simulation, `applied` (whether a real run applied it)."""
    if not has_perm(viewer, "privacy.view_registers"):
        return []
    runs = list(RetentionRun.objects.select_related("actor", "applied_by")[:RUNS_SHOWN])
    rules = load().retention
    for run in runs:
        per_rule = []
        for key, items in run.items.items():
            label = str(rules[key].label) if key in rules else key
            count = len(items) if run.dry_run else run.removed.get(key, 0)
            per_rule.append(RunItems(label, count, [str(item["label"]) for item in items]))
        run.per_rule = per_rule  # type: ignore[attr-defined]
        run.applied = run.dry_run and _applied(run)  # type: ignore[attr-defined]
    return runs


def _applied(run: RetentionRun) -> bool:
    try:
        return run.applied_by is not None
    except RetentionRun.DoesNotExist:
        return False


def simulation_to_apply(runs: list[RetentionRun]) -> RetentionRun | None:
    """Of `retention_runs`, the latest, when it is a simulation no real run applied yet: the one
    the page's "apply" button applies (an older list may no longer be what was read)."""
    latest = runs[0] if runs else None
    if latest is None or not latest.dry_run or latest.applied:  # type: ignore[attr-defined]
        return None
    return latest
