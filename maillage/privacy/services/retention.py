"""Applying the retention rules that the apps declare (`core.personal.register_retention`).

A simulation lists, per rule, what is past its period and changes nothing. A real run removes
exactly what a simulation listed (`simulation`), or, without one, what it lists itself in the
same transaction; either way only what is still expired when it runs (a record kept meanwhile,
a seat taken again, stays) and nothing that expired after the simulation: what the person in
charge read is what goes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import record
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.personal import load
from maillage.core.versions import lock
from maillage.privacy.models import RetentionRun
from maillage.privacy.verbs import RegisterVerb

type Items = dict[str, list[dict[str, Any]]]


def _expired_now(now: Any) -> Items:
    return {
        key: [{"pk": found.pk, "label": found.label} for found in rule.expired(now)]
        for key, rule in load().retention.items()
    }


@transaction.atomic
def retention_apply(
    *, actor: Actor, dry_run: bool, simulation: RetentionRun | None = None
) -> RetentionRun:
    require(actor, "privacy.apply_retention")
    now = timezone.now()
    account = actor if isinstance(actor, User) else None
    if dry_run:
        run = RetentionRun.objects.create(dry_run=True, actor=account, items=_expired_now(now))
        record(
            actor=actor,
            verb=RegisterVerb.RETENTION_SIMULATED,
            target=run,
            payload={key: len(listed) for key, listed in run.items.items()},
        )
        return run
    if simulation is not None:
        # Locked: two clicks on "apply" must not remove twice.
        lock(simulation)
        if not simulation.dry_run:
            raise ValidationError(_("Only a simulation's list can be applied."))
        if RetentionRun.objects.filter(simulation=simulation).exists():
            raise ValidationError(_("This simulation was already applied."))
        listed: Items = simulation.items
    else:
        listed = _expired_now(now)
    rules = load().retention
    items: Items = {}
    removed: dict[str, int] = {}
    for key, entries in listed.items():
        rule = rules.get(key)
        if rule is None:  # a rule no app declares any more: nothing to remove it with
            continue
        still = {found.pk for found in rule.expired(now)}
        kept = [entry for entry in entries if entry["pk"] in still]
        items[key] = kept
        removed[key] = rule.remove([entry["pk"] for entry in kept], actor=actor) if kept else 0
    run = RetentionRun.objects.create(
        dry_run=False, actor=account, simulation=simulation, items=items, removed=removed
    )
    record(actor=actor, verb=RegisterVerb.RETENTION_APPLIED, target=run, payload=removed)
    return run
