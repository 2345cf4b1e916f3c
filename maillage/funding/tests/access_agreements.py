"""Permission matrix rows of the agreements' pages (see tests/access.py).

The sample accounts act for no organization: only staff read an agreement, and nobody of them
submits its reports (the funded organization's people do)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile

from maillage.core.permissions import SYSTEM
from maillage.funding.services.agreements import (
    InstalmentData,
    ReportData,
    SignatoryData,
    agreement_create,
    agreement_sign,
)
from maillage.funding.tests.factories import accepted_application
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    application = accepted_application(amount="12000.00", title="Projet conventionné")
    agreement = agreement_create(
        actor=SYSTEM,
        application=application,
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2027, 3, 31),
        conditions="",
        signatories=[SignatoryData("Marie Tremblay", "Maillage")],
        instalments=[InstalmentData(Decimal("12000.00"), dt.date(2026, 4, 15))],
        reports=[ReportData("final", dt.date(2027, 4, 30))],
    )
    agreement_sign(actor=SYSTEM, agreement=agreement, signed_on=dt.date(2026, 4, 2))
    report = agreement.reports.get()
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    report.filename = "rapport.pdf"
    report.save(update_fields=["file", "filename"])
    data.fund_agreement = agreement
    data.fund_agreement_report = report
    data.fund_agreement_payment = agreement.payments.get()
    data.fund_to_agree = accepted_application(title="Projet à conventionner")


agreement = {"kwargs": lambda d: {"pk": d.fund_agreement.pk}}
report = {"kwargs": lambda d: {"pk": d.fund_agreement_report.pk}}
payment = {"kwargs": lambda d: {"pk": d.fund_agreement_payment.pk}}

ACCESS: dict[str, Expect] = {
    "funding:agreement_followup": Expect.staff(),
    "funding:agreement_create": Expect.staff(kwargs=lambda d: {"pk": d.fund_to_agree.pk}),
    "funding:agreement_detail": Expect.staff(**agreement),
    "funding:agreement_pdf": Expect.staff(**agreement),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "funding:agreement_sign": Expect.staff(405, **agreement),
    "funding:agreement_transition": Expect.staff(405, **agreement),
    "funding:agreement_cancel": Expect.staff(405, **agreement),
    "funding:agreement_payment": Expect.staff(405, **payment),
    "funding:agreement_report": Expect.staff(**report),
    "funding:agreement_report_file": Expect.staff(**report),
    "funding:agreement_report_review": Expect.staff(405, **report),
    # Only the funded organization's people submit its reports.
    "funding:agreement_report_submit": Expect.of(LOGIN, 403, 403, 403, 403, 403, **report),
}
