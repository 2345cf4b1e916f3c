"""The agreement (*convention d'aide financière*) as a PDF, drawn by WeasyPrint from an HTML
template, in French: the parties, the project, the amount, the conditions, the payment schedule,
the reports due and the signatures."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from maillage.funding.selectors.agreements import AgreementDetail


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the agreement fetches nothing ({url})")


def html(detail: AgreementDetail, *, language: str = "fr") -> str:
    with translation.override(language):
        return render_to_string(
            "funding/agreements_pdf.html",
            {
                "detail": detail,
                "agreement": detail.agreement,
                "application": detail.agreement.application,
                "collective": settings.MAILLAGE_COLLECTIVE_NAME,
                "made_at": timezone.now(),
                "language": language,
            },
        )


def pdf(detail: AgreementDetail, *, language: str = "fr") -> bytes:
    from weasyprint import HTML  # heavy: loaded when a PDF is made

    document = HTML(string=html(detail, language=language), url_fetcher=_no_fetch)
    return bytes(document.write_pdf())
