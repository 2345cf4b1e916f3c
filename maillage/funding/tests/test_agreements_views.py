"""Agreements' pages: preparing one, its page for staff and for the funded organization, the
report submission, the payment's actions, the PDF and the staff's follow-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.funding.models import Agreement, Payment
from maillage.funding.services import agreements as services
from maillage.funding.services.agreements import InstalmentData, ReportData, SignatoryData
from maillage.funding.tests.factories import accepted_application, applicant_of, user_with_person
from maillage.funding.tests.test_agreements import make_agreement

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff() -> User:
    return user_with_person(Role.STAFF)


def _form(**rows: str) -> dict[str, str]:
    data = {
        "start_date": "2026-04-01",
        "end_date": "2027-03-31",
        "conditions": "Inclure les personnes.",
        "signatories-TOTAL_FORMS": "3",
        "signatories-INITIAL_FORMS": "0",
        "signatories-0-name": "Marie Tremblay",
        "signatories-0-organization": "Maillage",
        "instalments-TOTAL_FORMS": "4",
        "instalments-INITIAL_FORMS": "0",
        "instalments-0-amount": "20000",
        "instalments-0-due_on": "2026-04-15",
        "instalments-1-amount": "10000,00",
        "instalments-1-due_on": "2027-05-01",
        "instalments-1-condition_report": "final",
        "reports-TOTAL_FORMS": "3",
        "reports-INITIAL_FORMS": "0",
        "reports-0-kind": "progress",
        "reports-0-due_on": "2026-10-01",
        "reports-1-kind": "final",
        "reports-1-due_on": "2027-04-30",
    }
    return data | rows


def test_staff_prepare_an_agreement_and_instalments_not_adding_up_are_refused_at_the_field():
    application = accepted_application()
    client = _client(_staff())
    url = reverse("funding:agreement_create", args=[application.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, _form(**{"instalments-1-amount": "9000"}))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "doivent totaliser exactement" in page
    assert 'value="9000"' in page  # what was typed is kept
    assert not Agreement.objects.exists()

    done = client.post(url, _form())
    agreement = Agreement.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("funding:agreement_detail", args=[agreement.pk])
    assert [p.amount for p in agreement.payments.all()] == [D("20000.00"), D("10000.00")]
    assert client.get(url).status_code == 404  # it has its agreement now


D = Decimal


def test_the_organizations_people_read_the_agreement_but_reach_no_staff_action():
    application = accepted_application()
    agreement = make_agreement(application)
    services.agreement_sign(actor=_staff(), agreement=agreement, signed_on=timezone.localdate())
    applicant = _client(applicant_of(application.organization))
    payment = agreement.payments.first()
    report = agreement.reports.first()
    assert payment is not None and report is not None

    page = applicant.get(reverse("funding:agreement_detail", args=[agreement.pk]))
    assert page.status_code == 200
    assert agreement.number in page.content.decode()
    assert "Approuver le versement" not in page.content.decode()
    assert "Engagé pour ce projet" not in page.content.decode()
    forbidden = [
        ("funding:agreement_create", accepted_application().pk),
        ("funding:agreement_followup", None),
    ]
    for name, pk in forbidden:
        assert applicant.get(reverse(name, args=[pk] if pk else [])).status_code == 403
    posts = [
        ("funding:agreement_sign", agreement.pk, {"signed_on": "2026-04-02"}),
        ("funding:agreement_transition", agreement.pk, {"step": "activate"}),
        ("funding:agreement_payment", payment.pk, {f"payment-{payment.pk}-step": "approve"}),
        ("funding:agreement_report_review", report.pk, {"decision": "accept"}),
    ]
    for name, pk, data in posts:
        assert applicant.post(reverse(name, args=[pk]), data).status_code == 403
    payment.refresh_from_db()
    assert payment.state == "scheduled"
    # Someone of another organization does not read it.
    other = _client(applicant_of(accepted_application().organization))
    assert other.get(reverse("funding:agreement_detail", args=[agreement.pk])).status_code == 403


def test_the_organization_submits_a_report_and_staff_accept_it_and_record_the_payment():
    application = accepted_application()
    agreement = make_agreement(application)
    staff = _client(_staff())
    staff.post(
        reverse("funding:agreement_sign", args=[agreement.pk]),
        {"signed_on": timezone.localdate().isoformat()},
    )
    agreement.refresh_from_db()
    assert agreement.state == "signed"
    final = agreement.reports.get(kind="final")
    applicant = _client(applicant_of(application.organization))
    submit = reverse("funding:agreement_report_submit", args=[final.pk])

    empty = applicant.post(submit, {"text": ""})
    assert empty.status_code == 400
    bad = applicant.post(submit, {"text": "Bilan", "file": SimpleUploadedFile("x.pdf", b"nope")})
    assert bad.status_code == 400
    assert "Bilan" in bad.content.decode()
    pdf = SimpleUploadedFile("bilan final.pdf", b"%PDF-1.4\n%%EOF\n")
    assert applicant.post(submit, {"text": "Bilan", "file": pdf}).status_code == 302
    final.refresh_from_db()
    assert final.state == "submitted"
    download = staff.get(reverse("funding:agreement_report_file", args=[final.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    review = reverse("funding:agreement_report_review", args=[final.pk])
    missing_note = staff.post(review, {"decision": "request_changes", "note": ""})
    assert missing_note.status_code == 400
    assert staff.post(review, {"decision": "accept"}).status_code == 302

    conditioned = agreement.payments.get(position=2)
    act = reverse("funding:agreement_payment", args=[conditioned.pk])
    prefix = f"payment-{conditioned.pk}"
    assert staff.post(act, {f"{prefix}-step": "approve"}).status_code == 302
    paid = staff.post(
        act, {f"{prefix}-step": "pay", f"{prefix}-paid_on": timezone.localdate().isoformat()}
    )
    assert paid.status_code == 302
    conditioned.refresh_from_db()
    assert (conditioned.state, conditioned.paid_on) == ("paid", timezone.localdate())


def test_a_refused_payment_action_says_why():
    agreement = make_agreement(accepted_application())
    staff = _client(_staff())
    payment = agreement.payments.get(position=1)
    act = reverse("funding:agreement_payment", args=[payment.pk])
    refused = staff.post(act, {f"payment-{payment.pk}-step": "approve"}, follow=True)
    assert "une fois la convention signée" in refused.content.decode()
    held = staff.post(
        act, {f"payment-{payment.pk}-step": "hold", f"payment-{payment.pk}-reason": ""}
    )
    assert held.status_code == 400
    assert Payment.objects.get(pk=payment.pk).state == "scheduled"


def test_the_agreements_pdf_is_made_in_french():
    agreement = make_agreement(accepted_application())
    response = _client(_staff()).get(reverse("funding:agreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from maillage.funding import agreements_pdf
    from maillage.funding.selectors.agreements import agreement_detail

    detail = agreement_detail(_staff(), agreement.pk)
    assert detail is not None
    html = agreements_pdf.html(detail)
    assert "Convention d’aide financière" in html or "Convention d'aide financière" in html
    assert "30\N{NO-BREAK SPACE}000,00\N{NO-BREAK SPACE}$" in html


def _agreements(count: int) -> list[Agreement]:
    made = []
    for _ in range(count):
        agreement = make_agreement(accepted_application())
        services.agreement_sign(actor=_staff(), agreement=agreement, signed_on=dt.date(2026, 4, 2))
        made.append(agreement)
    return made


def test_the_follow_up_and_the_agreements_page_keep_their_query_counts(query_budget):
    staff = _client(_staff())
    url = reverse("funding:agreement_followup")
    first = _agreements(1)[0]
    detail = reverse("funding:agreement_detail", args=[first.pk])
    small = query_budget(40).get(staff, url)
    small_detail = query_budget(40).get(staff, detail)
    _agreements(6)
    waiting = [accepted_application(title=f"Projet en attente {n}") for n in range(3)]
    page = staff.get(url).content.decode()
    assert page.count("CA-") >= 7
    assert all(reverse("funding:agreement_create", args=[a.pk]) in page for a in waiting)
    assert query_budget(small).get(staff, url) == small
    assert query_budget(small_detail).get(staff, detail) == small_detail


def test_the_organizations_page_of_an_agreement_does_not_grow_with_its_reports(query_budget):
    first = accepted_application()
    organization = first.organization
    few = make_agreement(first)
    many = services.agreement_create(
        actor=_staff(),
        application=accepted_application(organization=organization),
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2027, 3, 31),
        conditions="",
        signatories=[SignatoryData("Marie Tremblay", "Maillage")],
        instalments=[InstalmentData(D("30000.00"), dt.date(2026, 4, 15))],
        reports=[ReportData("progress", dt.date(2026, m, 1)) for m in (5, 6, 7, 8, 9)]
        + [ReportData("final", dt.date(2027, 4, 30))],
    )
    for agreement in (few, many):
        services.agreement_sign(actor=_staff(), agreement=agreement, signed_on=dt.date(2026, 4, 2))
    applicant = _client(applicant_of(organization))
    counted = [
        query_budget(30).get(applicant, reverse("funding:agreement_detail", args=[a.pk]))
        for a in (few, many)
    ]
    assert counted[0] == counted[1]
    page = applicant.get(reverse("funding:agreement_detail", args=[many.pk])).content.decode()
    assert page.count("Remettre ce rapport") == 6


def test_an_unknown_payment_action_or_a_bad_date_is_said_not_a_server_error():
    agreement = make_agreement(accepted_application())
    services.agreement_sign(actor=_staff(), agreement=agreement, signed_on=dt.date(2026, 4, 2))
    staff = _client(_staff())
    payment = agreement.payments.get(position=1)
    services.payment_approve(actor=_staff(), payment=payment)
    act = reverse("funding:agreement_payment", args=[payment.pk])
    prefix = f"payment-{payment.pk}"
    unknown = staff.post(act, {f"{prefix}-step": "steal"}, follow=True)
    assert "Action inconnue" in unknown.content.decode()
    bad_date = staff.post(act, {f"{prefix}-step": "pay", f"{prefix}-paid_on": "demain"})
    assert bad_date.status_code == 400
    assert 'value="demain"' in bad_date.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = staff.post(act, {f"{prefix}-step": "pay", f"{prefix}-paid_on": future})
    assert refused.status_code == 400
    assert "date future" in refused.content.decode()
    payment.refresh_from_db()
    assert payment.state == "approved"


def test_staff_cancel_an_agreement_from_its_page_with_a_reason_kept_when_refused(client):
    agreement = make_agreement(accepted_application())
    client.force_login(user_with_person(Role.STAFF))
    url = reverse("funding:agreement_cancel", args=[agreement.pk])
    page = client.get(reverse("funding:agreement_detail", args=[agreement.pk])).text
    assert f'action="{url}"' in page

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Champ requis." in refused.text
    assert '<details class="agreement-cancel" open>' in refused.text

    done = client.post(url, {"reason": "Projet abandonné."}, follow=True)
    agreement.refresh_from_db()
    assert agreement.state == "cancelled"
    assert "La convention est annulée" in done.text
