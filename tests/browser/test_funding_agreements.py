"""A funded organization submits its final report with a document; coordination staff accept
it and record the payment that waited for it. axe-core finds no WCAG 2.2 AA violation on any
page visited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.funding.models import Movement, MovementKind, Payment, Report
from maillage.funding.services.agreements import (
    InstalmentData,
    ReportData,
    SignatoryData,
    agreement_create,
    agreement_sign,
)
from maillage.funding.tests.factories import (
    OrganizationFactory,
    accepted_application,
    applicant_of,
    user_with_person,
)
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def signed_agreement(transactional_db):
    organization = OrganizationFactory(name="Cuisines collectives du quartier (fictif)")
    application = accepted_application(
        amount="30000.00", organization=organization, title="Cuisiner ensemble"
    )
    agreement = agreement_create(
        actor=SYSTEM,
        application=application,
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2027, 3, 31),
        conditions="Inclure les personnes en situation de pauvreté à chaque étape.",
        signatories=[SignatoryData("Marie Tremblay", "Maillage régional", "Coordonnatrice")],
        instalments=[
            InstalmentData(Decimal("20000.00"), dt.date(2026, 4, 15)),
            InstalmentData(Decimal("10000.00"), dt.date(2026, 11, 1), condition_report="final"),
        ],
        reports=[ReportData("final", dt.date(2026, 11, 30))],
    )
    agreement_sign(actor=SYSTEM, agreement=agreement, signed_on=timezone.localdate())
    applicant = applicant_of(organization, first_name="Amélie", last_name="Roy")
    staff = user_with_person(Role.STAFF, first_name="Colette", last_name="Coordination")
    return agreement, applicant, staff


def test_the_organization_submits_its_report_and_staff_accept_it_and_pay(
    page: Page, browser, live_server, axe, signed_agreement, tmp_path: Path
):
    agreement, applicant, staff = signed_agreement
    log_in_with_the_session_of(page, applicant, live_server)
    page.goto(f"/financement/conventions/{agreement.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Convention {agreement.number}")
    expect(page.get_by_role("button", name="Approuver le versement")).to_have_count(0)
    axe.check(page)

    page.get_by_role("link", name="Remettre ce rapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport final")
    axe.check(page)
    document = tmp_path / "bilan-final.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    page.locator("textarea[name=text]").fill("Le projet a rejoint 80 familles.")
    page.get_by_label("Document").set_input_files(str(document))
    page.get_by_role("button", name="Remettre le rapport").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        "Votre rapport a été remis"
    )
    expect(page.get_by_role("link", name="bilan-final.pdf")).to_be_visible()
    axe.check(page)

    staff_context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    staff_page = staff_context.new_page()
    log_in_with_the_session_of(staff_page, staff, live_server)
    staff_page.goto("/financement/conventions/suivi/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Suivi des conventions")
    axe.check(staff_page)
    staff_page.get_by_role("link", name="Rapport final").click()
    axe.check(staff_page)
    staff_page.get_by_label("Accepter le rapport").check()
    staff_page.get_by_role("button", name="Enregistrer l’examen").or_(
        staff_page.get_by_role("button", name="Enregistrer l'examen")
    ).click()
    expect(staff_page.locator("dl.facts")).to_contain_text("Accepté")
    report = Report.objects.get(agreement=agreement)
    assert report.state == "accepted"

    staff_page.get_by_role("link", name="Retour à la convention").click()
    axe.check(staff_page)
    last = Payment.objects.get(agreement=agreement, position=2)
    row = staff_page.locator(f"#payment-{last.pk}")
    row.get_by_role("button", name="Approuver le versement").click()
    row = staff_page.locator(f"#payment-{last.pk}")
    expect(row).to_contain_text("Approuvé")
    row.get_by_role("button", name="Inscrire le versement").click()
    expect(staff_page.locator(f"#payment-{last.pk}")).to_contain_text("Versé")
    axe.check(staff_page)
    assert Movement.objects.get(kind=MovementKind.PAYMENT, payment=last).amount == Decimal(
        "10000.00"
    )
    staff_context.close()
