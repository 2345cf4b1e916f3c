"""The territory map of the dashboard: the region's territories shaded by the money committed
to their envelopes (`territories.maps`, server-rendered SVG), a hatched pattern for those
where nothing is committed, and the rows of the table showing the same figures beside it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from maillage.funding.models._common import ZERO
from maillage.funding.selectors.dashboards import Line
from maillage.territories import maps
from maillage.territories.models import Boundary, Territory

# The hatching of a territory where nothing is committed: not only a lighter colour.
NOTHING_PATTERN = "funding-nothing"
_DEFS = (
    f'<defs><pattern id="{NOTHING_PATTERN}" width="8" height="8" '
    'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="funding-nothing-ground" width="8" height="8"/>'
    '<line class="funding-nothing-line" x1="0" y1="0" x2="0" y2="8"/></pattern></defs>'
)


@dataclass(frozen=True)
class LegendEntry:
    index: int  # the CSS class fill-<index>
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class MapRow:
    territory: Territory
    class_index: int  # 0: nothing committed (hatched)
    line: Line | None


@dataclass(frozen=True)
class CommittedMap:
    id: str
    svg: SafeString
    caption: str
    legend: tuple[LegendEntry, ...]
    has_nothing: bool
    rows: list[MapRow]


def committed_map(
    boundaries: Sequence[Boundary],
    lines: Mapping[int, Line],
    *,
    href: Callable[[Territory], str],
    label: Callable[[Territory, Line | None], str],
    caption: str,
    id: str = "funding-map",
) -> CommittedMap | None:
    """The map of `boundaries` shaded by the committed money of `lines` (by territory id);
    None when no outline is known. `href` links a territory, `label` names its area."""
    areas = []
    for boundary in boundaries:
        territory = boundary.territory
        line = lines.get(territory.pk)
        committed = line.committed if line is not None else ZERO
        areas.append(
            maps.Area(
                key=str(territory.pk),
                name=territory.name,
                href=href(territory),
                geometry=boundary.geometry,
                value=float(committed) if committed > 0 else None,
                label=label(territory, line),
            )
        )
    rendered = maps.render(areas, title=caption, id_prefix=id)
    if rendered is None:
        return None
    # The pattern is declared once, before the areas that use it (`.fill-0` in funding.css).
    svg = rendered.svg.replace('<g class="areas">', _DEFS + '<g class="areas">', 1)
    return CommittedMap(
        id=id,
        # maps.render escapes every name, label and link it writes; the pattern is ours.
        svg=mark_safe(svg),
        caption=caption,
        legend=tuple(
            LegendEntry(entry.index, _money(entry.low), _money(entry.high))
            for entry in rendered.legend
        ),
        has_nothing=rendered.has_missing,
        rows=[
            MapRow(b.territory, rendered.classes[str(b.territory.pk)], lines.get(b.territory.pk))
            for b in boundaries
        ],
    )


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
