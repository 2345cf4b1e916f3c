"""The portrait's tables as CSV (streamed) or XLSX files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from maillage.core.permissions import permission_required
from maillage.portrait import downloads
from maillage.portrait.selectors.territories import portrait_territory


def _send(
    table: downloads.Table, fmt: str, *, name: str, title: str
) -> HttpResponse | StreamingHttpResponse:
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
    return _send(downloads.indicators_table(), fmt, name="indicateurs", title=_("Indicators"))


@permission_required("portrait.view")
def territory_download(
    request: HttpRequest, slug: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    place = portrait_territory(slug)
    if place is None or fmt not in downloads.FORMATS:
        raise Http404
    table = downloads.territory_table(place)
    return _send(table, fmt, name=f"portrait-{place.slug}", title=place.name)
