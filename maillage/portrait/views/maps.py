"""An indicator's page: the choropleth map of the region's territories for one year, its
legend, the table of the same figures, the region's and Québec's as a reference, downloads.

The map is `territories.maps` (quantile classes over the values present, a single-hue ramp
from light to dark); territories without a value are hatched (`core.svg.hatch_pattern`). The
indicator's direction changes the legend's words, never the colours."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import cache
from maillage.core.lookups import once_per_request
from maillage.core.permissions import permission_required
from maillage.core.svg import hatch_pattern
from maillage.portrait import downloads
from maillage.portrait.formats import with_unit
from maillage.portrait.models import Direction, Indicator
from maillage.portrait.selectors import maps as selectors
from maillage.portrait.selectors.figures import FIGURES_CACHE, PUBLIC, Figure
from maillage.portrait.selectors.maps import MapData, territory_link
from maillage.portrait.views.downloads import send
from maillage.territories import maps

# The hatching of a territory without data: `.portrait-map .fill-0` fills with it. One map of
# the portrait per page (the page's or the live block's), so one fixed identifier.
NO_DATA_PATTERN = "portrait-no-data"


def class_count(values: Sequence[float]) -> int:
    """Three to five quantile classes: about three territories per class, so that each colour
    says something; fewer when the values are fewer (equal values never split)."""
    return max(3, min(maps.CLASS_COUNT, len(values) // 3))


@dataclass(frozen=True)
class LegendEntry:
    index: int  # the colour: CSS class fill-<index>
    rank: int  # 1 for the lightest class
    low: str
    high: str


@dataclass(frozen=True)
class MapRow:
    territory: Any
    href: str
    figure: Figure | None
    shown: str  # the value and its unit, "" without data
    class_index: int  # 0: no data
    rank: int  # 0: no data


@dataclass(frozen=True)
class Choropleth:
    id: str
    svg: SafeString
    caption: str
    legend: tuple[LegendEntry, ...]
    legend_note: str
    has_missing: bool
    rows: list[MapRow]


def legend_note(indicator: Indicator) -> str:
    """What the shades mean: always light for low values, dark for high ones; the direction
    only says whether high is good news."""
    base = _("Lighter: lower values; darker: higher values.")
    if indicator.direction == Direction.HIGHER_IS_BETTER:
        meaning = _("Here a higher value is favourable.")
    elif indicator.direction == Direction.HIGHER_IS_WORSE:
        meaning = _("Here a higher value is unfavourable.")
    else:
        return base
    return f"{base} {meaning}"


def area_label(name: str, figure: Figure | None, unit: str) -> str:
    if figure is None:
        return _("%(name)s: no data") % {"name": name}
    return _("%(name)s: %(value)s (%(period)s)") % {
        "name": name,
        "value": with_unit(figure.value, unit),
        "period": figure.period,
    }


def build_choropleth(data: MapData, *, id: str = "portrait-map") -> Choropleth:
    """The map of `data`'s territories with its legend and table rows (`svg` empty when none
    of them has an outline: the table still holds the figures)."""
    indicator = data.indicator
    unit = indicator.unit
    drawn = [place for place in data.places if place.boundary is not None]
    caption = _("%(indicator)s by territory, %(year)s") % {
        "indicator": indicator.label,
        "year": data.year or "—",
    }
    drawn_values = [float(p.figure.value) for p in drawn if p.figure is not None]
    rendered = maps.render(
        [
            maps.Area(
                key=str(place.territory.pk),
                name=place.territory.name,
                href=territory_link(place.territory),
                geometry=place.boundary.geometry,  # type: ignore[union-attr]
                value=float(place.figure.value) if place.figure is not None else None,
                label=area_label(place.territory.name, place.figure, unit),
            )
            for place in drawn
        ],
        title=caption,
        id_prefix=id,
        class_count=class_count(drawn_values),
        defs=hatch_pattern(NO_DATA_PATTERN, "portrait-no-data"),
    )
    if rendered is not None:
        legend = rendered.legend
    else:  # no outline: the table's classes over every value
        values = [float(p.figure.value) for p in data.places if p.figure is not None]
        legend = maps.class_breaks(values, class_count(values))
    ranks = {entry.index: rank for rank, entry in enumerate(legend, start=1)}
    rows = []
    for place in data.places:
        figure = place.figure
        index = maps.class_of(float(figure.value) if figure else None, legend)
        rows.append(
            MapRow(
                territory=place.territory,
                href=territory_link(place.territory),
                figure=figure,
                shown=with_unit(figure.value, unit) if figure else "",
                class_index=index,
                rank=ranks.get(index, 0),
            )
        )
    return Choropleth(
        id=id,
        # maps.render escapes every name, label and link it writes; the pattern is ours.
        svg=mark_safe(rendered.svg if rendered else ""),
        caption=caption,
        legend=tuple(
            LegendEntry(entry.index, rank, with_unit(entry.low, unit), with_unit(entry.high, unit))
            for rank, entry in enumerate(legend, start=1)
        ),
        legend_note=legend_note(indicator),
        has_missing=any(row.class_index == maps.NO_DATA for row in rows),
        rows=rows,
    )


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["annee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(year, str(year)) for year in years]
        field.error_messages["invalid_choice"] = _(
            "This indicator has no values for that year: choose one of the list."
        )

    def year(self) -> int | None:
        return self.cleaned_data["annee"] if self.is_bound and self.is_valid() else None


def _indicator(request: HttpRequest, key: str, **_kwargs: Any) -> Indicator:
    found = once_per_request(
        request, ("portrait-indicator", key), lambda: selectors.indicator_for_map(key)
    )
    if found is None:
        raise Http404
    return found


def _map_data(request: HttpRequest, key: str) -> tuple[MapData, YearForm]:
    indicator = _indicator(request, key)
    years = selectors.indicator_years(indicator)
    form = YearForm(request.GET if "annee" in request.GET else None, years=years)
    data = selectors.map_data(indicator, years=years, year=form.year())
    if not form.is_bound:
        form = YearForm(initial={"annee": data.year}, years=years)
    return data, form


def reference(label: str, figure: Figure | None, unit: str) -> str:
    if figure is None:
        return _("%(name)s: no data") % {"name": label}
    return _("%(name)s: %(value)s (%(period)s)") % {
        "name": label,
        "value": with_unit(figure.value, unit),
        "period": figure.period,
    }


def _content(request: HttpRequest, key: str) -> tuple[bool, SafeString]:
    """The rendered map, legend and table, and whether they may be kept: the year asked is one
    the indicator has (or none was asked)."""
    data, form = _map_data(request, key)
    references = []
    if data.region is not None:
        references.append(reference(data.region.name, data.region_figure, data.indicator.unit))
        if data.region.parent is not None:
            references.append(
                reference(data.region.parent.name, data.province_figure, data.indicator.unit)
            )
    context = {
        "indicator": data.indicator,
        "data": data,
        "year_form": form,
        "map": build_choropleth(data),
        "references": references,
        "query": f"annee={data.year}" if data.year else "",
    }
    html = render_to_string("portrait/maps/_indicator.html", context)
    return not form.errors, mark_safe(html)  # the template escapes; maps.render escapes the SVG


@permission_required("portrait.view", obj=_indicator)
def indicator_map(request: HttpRequest, key: str) -> HttpResponse:
    """An indicator's choropleth map, its legend and its table, for the year chosen: the same
    for every visitor, kept rendered per indicator, year and language (`FIGURES_CACHE`) until
    the figures or the territories' outlines change. A year the indicator has not is said at
    the field, never kept."""
    _kept, content = cache.fragment(
        FIGURES_CACHE,
        visibility=PUBLIC,
        filters=["map", key, "annee" in request.GET, request.GET.get("annee", "")],
        render=lambda: _content(request, key),
        keep=lambda kept: kept[0],
    )
    context = {"indicator": _indicator(request, key), "content": content}
    return render(request, "portrait/maps/indicator.html", context)


# Downloads: the table of the page, one row per territory, then the region and Québec.


def map_table(data: MapData) -> downloads.Table:
    headers = [
        _("Territory"),
        _("Official code"),
        _("Value"),
        _("Unit"),
        _("Period"),
        _("Class"),
        _("Source"),
        _("Source address"),
    ]
    ranks = {row.territory.pk: row.rank for row in build_choropleth(data, id="export").rows}
    unit = data.indicator.unit

    def rows() -> Iterator[list[Any]]:
        places = [(p.territory, p.figure, ranks.get(p.territory.pk) or "") for p in data.places]
        if data.region is not None:
            places.append((data.region, data.region_figure, ""))
            if data.region.parent is not None:
                places.append((data.region.parent, data.province_figure, ""))
        for territory, figure, rank in places:
            if figure is None:
                yield [territory.name, territory.code, "", unit, "", rank, _("No data"), ""]
            else:
                yield [
                    territory.name,
                    territory.code,
                    figure.value,
                    unit,
                    figure.period,
                    rank,
                    figure.source.title,
                    figure.source.url,
                ]

    return headers, rows()


@permission_required("portrait.view", obj=_indicator)
def indicator_map_export(
    request: HttpRequest, key: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """The page's table as CSV (streamed) or XLSX, for the year shown."""
    if fmt not in downloads.FORMATS:
        raise Http404
    data, _form = _map_data(request, key)
    name = f"portrait-{data.indicator.key}-{data.year or ''}".rstrip("-")
    return send(map_table(data), fmt, name=name, title=data.indicator.label)
