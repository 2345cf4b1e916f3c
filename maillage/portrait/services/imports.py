"""Applying a file of indicator values (read and checked by `maillage.portrait.imports`), all or
nothing, and the portrait's importer for the core's import jobs."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import audit, cache
from maillage.core.actors import Actor
from maillage.core.imports import Importer, ImportReport, RowOutcome
from maillage.core.permissions import require
from maillage.portrait import catalogue, imports
from maillage.portrait.models import Indicator, Source, Value
from maillage.portrait.verbs import PortraitVerb

IMPORTER_KEY = "portrait.indicators"


def _new_indicator(row: imports.CheckedRow) -> Indicator:
    known = catalogue.known(row.key)
    indicator = Indicator(key=row.key, label_fr=row.label_fr, unit_fr=row.unit)
    if known is not None:
        indicator.label_en = known.label_en
        indicator.unit_en = known.unit_en
        indicator.unit_fr = known.unit_fr or row.unit
        indicator.definition_fr = known.definition_fr
        indicator.definition_en = known.definition_en
        indicator.direction = known.direction
        indicator.position = known.position
    indicator.save()
    return indicator


@transaction.atomic
def indicators_import(
    *, actor: Actor, rows: Sequence[imports.ImportRow], dry_run: bool = False
) -> ImportReport:
    """Import the rows of a file of indicator values, all or nothing.

    Every row is checked first; with any error, nothing is written. Then each row creates its
    indicator when new (with what the catalogue knows of its key), finds or creates its source by
    title and address, and creates or updates its value: a row that matches the value stored is
    "unchanged", so importing a file again changes nothing. A dry run reports what would happen
    and writes nothing.
    """
    require(actor, "portrait.manage")
    report = ImportReport(kind=IMPORTER_KEY, dry_run=dry_run)
    check = imports.checking(imports.Lookups())
    checked: list[imports.CheckedRow] = []
    for line in rows:
        found, errors = check(line)
        if found is not None:
            checked.append(found)
        report.errors.extend(errors)
    if report.errors:
        return report

    indicators = {i.key: i for i in Indicator.objects.filter(key__in={r.key for r in checked})}
    sources = imports.existing_sources()
    stored = imports.existing_values({i.pk for i in indicators.values()})
    for row in checked:
        indicator = indicators.get(row.key)
        if indicator is None:
            indicator = indicators[row.key] = _new_indicator(row)
        source_id = sources.get((row.source_title, row.source_url))
        if source_id is None:
            source_id = Source.objects.create(title=row.source_title, url=row.source_url).pk
            sources[row.source_title, row.source_url] = source_id
        label = f"{indicator.label_fr} · {row.territory_name} · {row.period}"
        identity = (indicator.pk, row.territory_id, row.period)
        before = stored.get(identity)
        if before is None:
            value = Value.objects.create(
                indicator=indicator,
                territory_id=row.territory_id,
                period=row.period,
                year=row.year,
                value=row.value,
                source_id=source_id,
            )
            stored[identity] = (value.pk, row.year, row.value, source_id)
            report.outcomes.append(RowOutcome(row.line, "create", label))
            continue
        pk, year, amount, old_source = before
        if (year, amount, old_source) == (row.year, row.value, source_id):
            report.outcomes.append(RowOutcome(row.line, "unchanged", label))
            continue
        Value.objects.filter(pk=pk).update(year=row.year, value=row.value, source_id=source_id)
        stored[identity] = (pk, row.year, row.value, source_id)
        details = []
        if amount != row.value:
            details.append(_("value: %(old)s → %(new)s") % {"old": amount, "new": row.value})
        if old_source != source_id:
            details.append(_("source changed"))
        report.outcomes.append(RowOutcome(row.line, "update", label, details))

    if dry_run:
        transaction.set_rollback(True)
        return report
    report.applied = True
    if report.updated:
        cache.changed(Value)  # the updates above sent no signal: the pages showing values
    if report.created or report.updated:
        audit.record(
            actor=actor,
            verb=PortraitVerb.IMPORTED,
            payload={
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    return report


IMPORTER: Importer[imports.ImportRow] = Importer(
    key=IMPORTER_KEY,
    label=gettext_lazy("Indicator values"),
    permission="portrait.manage",
    parse=imports.parse_csv,
    checker=imports.checker,
    apply=partial(indicators_import, dry_run=False),
    upload_url_name="portrait:import",
    done_url_name="portrait:index",
)
