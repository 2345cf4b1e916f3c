"""Scale data of the portrait (see `core.scale`): indicators of the batch, one per five times the
demo, each with a value for every territory (Québec, the regions, the MRCs, the municipalities)
in six census-like years, so that a factor of 100 holds about a hundred times the demo's values
and every portrait page has series and municipalities to compare."""

from __future__ import annotations

import math
from decimal import Decimal

from maillage.core.scale import ScaleRun, bulk
from maillage.portrait.models import Direction, Indicator, Source, Value
from maillage.territories.models import Territory

YEARS = (2001, 2006, 2011, 2016, 2021, 2022)
LABELS = (
    ("Taux d'emploi (%)", "Employment rate (%)", "%", Direction.HIGHER_IS_BETTER),
    ("Ménages locataires (%)", "Tenant households (%)", "%", Direction.NEUTRAL),
    ("Taux de faible revenu (%)", "Low-income rate (%)", "%", Direction.HIGHER_IS_WORSE),
)


def generate(*, run: ScaleRun) -> None:
    count = max(1, math.ceil(run.factor / 5))
    source, _created = Source.objects.get_or_create(
        title="Données d'échelle (fictives)", url="https://donnees.exemple.org/echelle"
    )
    indicators = bulk(
        Indicator,
        (
            Indicator(
                key=run.tag("echelle", index)[:64],
                label_fr=f"{LABELS[index % 3][0]} · {run.batch}-{index}",
                label_en=f"{LABELS[index % 3][1]} · {run.batch}-{index}",
                unit_fr=LABELS[index % 3][2],
                unit_en=LABELS[index % 3][2],
                direction=LABELS[index % 3][3],
                position=1000 + index,
                source=source,
            )
            for index in range(count)
        ),
    )
    territories = list(Territory.objects.values_list("pk", flat=True))
    bulk(
        Value,
        (
            Value(
                indicator=indicator,
                territory_id=territory,
                period=str(year),
                year=year,
                value=Decimal(run.rng.randint(20, 900)) / 10,
                source=source,
            )
            for indicator in indicators
            for territory in territories
            for year in YEARS
        ),
    )
