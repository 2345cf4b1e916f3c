"""The portrait's tables as CSV (streamed) or XLSX files: the index's, a territory's, and the one
response every table of the portrait is sent in (the map's and the comparison's too)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from maillage.core.permissions import permission_required
from maillage.portrait import downloads
from maillage.portrait.selectors.territories import portrait_territory


def send(
    table: downloads.Table, fmt: str, *, name: str, title: str
) -> HttpResponse | StreamingHttpResponse:
    """`table` as the file `name.fmt` (`fmt` one of `downloads.FORMATS`); `title` names the
    workbook's sheet."""
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            downloads.csv_stream(table), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(downloads.to_xlsx(table, title=title), content_type=downloads.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@permission_required("portrait.view")
def indicators_download(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in downloads.FORMATS:
        raise Http404
    return send(downloads.indicators_table(), fmt, name="indicateurs", title=_("Indicators"))


@permission_required("portrait.view")
def territory_download(
    request: HttpRequest, slug: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    place = portrait_territory(slug)
    if place is None or fmt not in downloads.FORMATS:
        raise Http404
    table = downloads.territory_table(place)
    return send(table, fmt, name=f"portrait-{place.slug}", title=place.name)
