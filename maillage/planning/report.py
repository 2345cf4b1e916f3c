"""The plan's annual progress report as a PDF, drawn by WeasyPrint from an HTML template, in
French or in English: the plan, each orientation, objective and target (baseline, current
measure, target value, where it stands), the actions with their status, and the dashboard's
charts (SVG, drawn in the PDF as on the page).

Made on request, like the funding agreement: the report of a plan reads a few hundred rows and
takes a second or two; nothing is stored."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from maillage.planning import dashboards as charts
from maillage.planning.models import ActionStatus
from maillage.planning.selectors.report import PlanReport

LANGUAGES = ("fr", "en")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the report fetches nothing ({url})")


def html(report: PlanReport, *, language: str = "fr") -> str:
    with translation.override(language):
        return render_to_string(
            "planning/report/plan_report.html",
            {
                "report": report,
                "plan": report.plan,
                "charts": charts.plan_charts(report.dashboard),
                "action_statuses": list(ActionStatus),
                "collective": settings.MAILLAGE_COLLECTIVE_NAME,
                "made_at": timezone.now(),
                "language": language,
            },
        )


def pdf(report: PlanReport, *, language: str = "fr") -> bytes:
    from weasyprint import HTML  # heavy: loaded when a PDF is made

    document = HTML(string=html(report, language=language), url_fetcher=_no_fetch)
    return bytes(document.write_pdf())
