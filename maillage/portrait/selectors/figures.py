"""What every portrait page shows of a value: one `Figure` (the number, its period, its source),
the one way the portrait picks, in the database, the latest value of each indicator and
territory, and the notes that cite a table's sources once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from maillage.portrait import models

# Everything the portrait shows is public and derives from its indicators, values and sources and
# from the territories and their outlines: its pages and its panel are kept rendered
# (`core.cache`) under this namespace, which any change of those bumps (`apps.py`; the import,
# whose updates of values send no signal, bumps it itself).
FIGURES_CACHE = "portrait.figures"
PUBLIC = "public"


@dataclass(frozen=True)
class Figure:
    """One value as a page shows it: the number, its period as published (a year, or a span
    such as "2016-2021", whose last year is `year`) and the source it was taken from."""

    value: Decimal
    period: str
    year: int
    source: models.Source

    @classmethod
    def of(cls, value: models.Value) -> Figure:
        """From a value read with its source (`select_related("source")`)."""
        return cls(value.value, value.period, value.year, value.source)


def latest(values: QuerySet[models.Value], *, year: Any = None) -> QuerySet[models.Value]:
    """`values` reduced, in the database, to one per indicator and territory: the one of `year`
    (an expression, e.g. the year of another territory's latest figure) when there is one,
    else the latest year's, the latest period first ("2016-2021" after "2021" of the same
    year). Older values never leave the database."""
    order = [F("year").desc(), F("period").desc()]
    if year is not None:
        wanted = Case(When(year=year, then=Value(0)), default=Value(1), output_field=IntegerField())
        order.insert(0, wanted.asc())
    return values.annotate(
        rank=Window(
            RowNumber(), partition_by=[F("indicator_id"), F("territory_id")], order_by=order
        )
    ).filter(rank=1)


@dataclass(frozen=True)
class Notes:
    """The sources of a table's figures, each once, in the order they are first cited. Under the
    table, they are listed once; with several, each row cites its own by number instead of
    repeating it."""

    sources: list[models.Source]

    def number(self, figure: Figure | None) -> int:
        """The note citing `figure`'s source: 0 without a figure, or when the table has a single
        source (said once for all its rows)."""
        if figure is None or len(self.sources) < 2:
            return 0
        return next(n for n, s in enumerate(self.sources, start=1) if s.pk == figure.source.pk)


def notes(figures: Iterable[Figure | None]) -> Notes:
    found: dict[int, models.Source] = {}
    for figure in figures:
        if figure is not None:
            found.setdefault(figure.source.pk, figure.source)
    return Notes(list(found.values()))
