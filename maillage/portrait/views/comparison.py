"""The comparison of two to four territories: a form read from the query string (it works
without JavaScript: four lists of the same name), then each indicator's latest figure for each
territory side by side, a bar chart per indicator and the downloads of the table.

The page is the same for every visitor: the form and the comparison of a valid choice (and the
empty form) are kept rendered per choice and language (`FIGURES_CACHE`) until an indicator, a
value, a source or a territory changes. A choice the form refuses is rendered, never kept: what
is kept is bounded by the territories one may compare."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from maillage.core import cache
from maillage.core.permissions import permission_required
from maillage.core.svg import Bar, bar_chart
from maillage.portrait import downloads
from maillage.portrait.formats import with_unit
from maillage.portrait.models import Source
from maillage.portrait.selectors import FIGURES_CACHE, PUBLIC, Figure, notes
from maillage.portrait.selectors import comparison as selectors
from maillage.portrait.selectors.comparison import MAX_TERRITORIES, MIN_TERRITORIES, Choices
from maillage.portrait.selectors.maps import territory_link
from maillage.portrait.views.downloads import send
from maillage.territories.models import Territory

FIELD = "territoires"
# The territory a comparison starts from (a portrait's link), before the form is sent.
START = "depuis"


class CompareForm(forms.Form):
    territoires = forms.MultipleChoiceField(
        label=gettext_lazy("Territories to compare"), required=False
    )

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.territories = {t.slug: t for t in choices.all()}
        field = self.fields[FIELD]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(slug, t.name) for slug, t in self.territories.items()]
        field.error_messages["invalid_choice"] = _(
            "“%(value)s” is not among the territories one may compare."
        )

    def clean_territoires(self) -> list[Territory]:
        slugs = list(dict.fromkeys(slug for slug in self.cleaned_data[FIELD] if slug))
        if len(slugs) < MIN_TERRITORIES:
            raise forms.ValidationError(
                _("Choose at least two territories to compare them."), code="too_few"
            )
        if len(slugs) > MAX_TERRITORIES:
            raise forms.ValidationError(
                ngettext(
                    "Choose at most %(count)d territory.",
                    "Choose at most %(count)d territories.",
                    MAX_TERRITORIES,
                )
                % {"count": MAX_TERRITORIES},
                code="too_many",
            )
        return [self.territories[slug] for slug in slugs]


@dataclass(frozen=True)
class Cell:
    figure: Figure | None
    shown: str
    note: int  # the note citing its source under the table; 0: the table has one source


@dataclass(frozen=True)
class Row:
    indicator: Any
    cells: list[Cell]
    chart: SafeString


def _chart(line: selectors.Line, territories: Sequence[Territory], index: int) -> SafeString:
    """One bar per territory with a figure; a negative figure is drawn as a mark and written."""
    unit = line.indicator.unit
    bars = [
        Bar(
            label=territory.name,
            value=max(float(figure.value), 0.0),
            shown=with_unit(figure.value, unit),
            css_class=f"series-{position}",
        )
        for position, (territory, figure) in enumerate(
            zip(territories, line.figures, strict=True), start=1
        )
        if figure is not None
    ]
    # core.svg escapes every label and figure it writes.
    return mark_safe(
        bar_chart(
            bars,
            id_prefix=f"compare-chart-{index}",
            width=420,
            label_width=170,
            figure_room=110,
            title=_("%(indicator)s: latest figures of the territories compared")
            % {"indicator": line.indicator.label},
        )
    )


def comparison_rows(territories: Sequence[Territory]) -> tuple[list[Row], list[Source]]:
    """The table's rows, each with its chart, and the sources its cells cite."""
    lines = selectors.comparison(territories)
    cited = notes(figure for line in lines for figure in line.figures)
    rows = []
    for index, line in enumerate(lines, start=1):
        unit = line.indicator.unit
        cells = [
            Cell(
                figure,
                with_unit(figure.value, unit) if figure is not None else "",
                cited.number(figure),
            )
            for figure in line.figures
        ]
        rows.append(Row(line.indicator, cells, _chart(line, territories, index)))
    return rows, cited.sources


def _form(request: HttpRequest) -> tuple[CompareForm, list[Territory]]:
    choices = selectors.comparable_territories()
    bound = FIELD in request.GET
    picked = [slug for slug in request.GET.getlist(FIELD) if slug]  # "(none)" is empty
    form = CompareForm({FIELD: picked} if bound else None, choices=choices)
    chosen = form.cleaned_data[FIELD] if bound and form.is_valid() else []
    form.choice_groups = [  # type: ignore[attr-defined]
        (_("Québec and the region"), choices.wider),
        (_("Regional county municipalities and equivalent territories"), choices.supralocal),
        (_("Municipalities"), choices.local),
    ]
    return form, chosen


def _content(request: HttpRequest, picked: list[str], start: str) -> tuple[bool, SafeString]:
    """The rendered form and comparison, and whether they may be kept: the form took the
    choice (or, before it is sent, knows the territory it starts from)."""
    form, chosen = _form(request)
    if form.is_bound:
        shared = form.is_valid() and len(picked) <= MAX_TERRITORIES
    else:
        shared = not start or start in form.territories
    shown = picked[:MAX_TERRITORIES] or [start]
    rows, sources = comparison_rows(chosen) if chosen else ([], [])
    context = {
        "form": form,
        "slots": [
            (n, shown[n - 1] if n <= len(shown) else "") for n in range(1, MAX_TERRITORIES + 1)
        ],
        "territories": chosen,
        "links": [(t, territory_link(t)) for t in chosen],
        "rows": rows,
        "sources": sources,
        "query": urlencode([(FIELD, t.slug) for t in chosen]),
    }
    html = render_to_string("portrait/comparison/_compare.html", context)
    return shared, mark_safe(html)  # the template escapes; core.svg escapes the charts


@permission_required("portrait.view")
def compare(request: HttpRequest) -> HttpResponse:
    """The form, then the chosen territories' figures side by side."""
    picked = [slug for slug in request.GET.getlist(FIELD) if slug]  # "(none)" is empty
    # From a territory's portrait: its slot filled, the form not yet sent.
    start = "" if picked else request.GET.get(START, "")
    _shared, content = cache.fragment(
        FIGURES_CACHE,
        visibility=PUBLIC,
        filters=["compare", FIELD in request.GET, len(picked), *picked, start],
        render=lambda: _content(request, picked, start),
        keep=lambda kept: kept[0],
    )
    return render(request, "portrait/comparison/compare.html", {"content": content})


def comparison_table(territories: Sequence[Territory]) -> downloads.Table:
    headers = [
        _("Indicator"),
        _("Territory"),
        _("Official code"),
        _("Value"),
        _("Unit"),
        _("Period"),
        _("Source"),
        _("Source address"),
    ]

    def rows() -> Iterator[list[Any]]:
        for line in selectors.comparison(territories):
            label, unit = line.indicator.label, line.indicator.unit
            for territory, figure in zip(territories, line.figures, strict=True):
                if figure is None:
                    yield [label, territory.name, territory.code, "", unit, "", _("No data"), ""]
                else:
                    yield [
                        label,
                        territory.name,
                        territory.code,
                        figure.value,
                        unit,
                        figure.period,
                        figure.source.title,
                        figure.source.url,
                    ]

    return headers, rows()


@permission_required("portrait.view")
def compare_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The comparison's table as CSV (streamed) or XLSX; without a valid choice, back to the
    form, which says what is wrong."""
    if fmt not in downloads.FORMATS:
        raise Http404
    _unused, chosen = _form(request)
    if not chosen:
        return redirect(f"{reverse('portrait:compare')}?{request.GET.urlencode()}")
    table = comparison_table(chosen)
    return send(table, fmt, name="portrait-comparaison", title=_("Comparison"))
