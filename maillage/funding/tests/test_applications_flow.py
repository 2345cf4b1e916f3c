"""Applications as organizations write them: starting one, saving it as it is written, the
checklist before submission, revisions and their differences, documents refused by type and
size, and what the applicant never reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.funding.models import Application, Comment, Review, Revision, Screening
from maillage.funding.selectors.applications import content_of, missing_items, revision_diff
from maillage.funding.services.applications import (
    ApplicationData,
    BudgetItem,
    application_save,
    application_start,
    application_submit,
    application_transition,
    attachment_add,
    comment_add,
)
from maillage.funding.tests.factories import (
    ApplicationFactory,
    FundFactory,
    OrganizationFactory,
    applicant_of,
    call_with_grid,
    complete,
    mrc,
    user_with_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def _staff() -> User:
    return user_with_person(Role.STAFF)


def _pdf(name: str = "resolution.pdf", size: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n")


def test_references_are_numbered_per_fund_and_year_and_a_two_step_call_starts_an_intention():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    call = call_with_grid(fund=FundFactory(slug="fqis-2024-2029"), two_steps=True)

    first = application_start(actor=applicant, call=call, organization=organization, title="Un")
    second = application_start(actor=applicant, call=call, organization=organization, title="Deux")

    year = call.opens_on.year
    assert first.reference == f"FQIS-{year}-0001"
    assert second.reference == f"FQIS-{year}-0002"
    assert first.stage == "intention"
    assert first.state == "draft"


def test_nobody_applies_for_an_organization_they_do_not_act_for_nor_to_a_closed_call():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    other = OrganizationFactory()
    call = call_with_grid()

    with pytest.raises(ValidationError) as refused:
        application_start(actor=applicant, call=call, organization=other, title="Projet")
    assert "organization" in refused.value.message_dict

    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError):
        application_start(actor=applicant, call=call, organization=organization, title="Projet")
    assert not Application.objects.exists()


def test_the_checklist_names_what_is_missing_and_empties_once_everything_is_there():
    call = call_with_grid()
    call.max_amount = Decimal("40000.00")
    call.save()
    application = ApplicationFactory(call=call, summary="", amount_requested=None)

    missing = missing_items(application)
    text = " ".join(missing)
    assert "Besoins du milieu" in text
    assert "Participation des personnes" in text
    assert "Résolution du conseil" in text
    assert any("budget" in item.lower() for item in missing)

    complete(application)
    assert missing_items(application) == []

    application.amount_requested = Decimal("50000.00")  # above the call's maximum
    assert any("000,00" in item for item in missing_items(application))

    application.amount_requested = Decimal("20000.00")
    call.project_end_by = dt.date(2026, 3, 31)
    call.save()
    application.end_date = dt.date(2027, 3, 1)
    assert missing_items(application) == [
        "Les projets doivent se terminer au plus tard le 31 mars 2026."
    ]


def test_submitting_is_refused_with_the_checklist_then_keeps_a_revision():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(call=call_with_grid(), organization=organization)

    with pytest.raises(ValidationError) as refused:
        application_submit(actor=applicant, application=application)
    assert any("Besoins du milieu" in m for m in refused.value.messages)
    application.refresh_from_db()
    assert application.state == "draft"
    assert not Revision.objects.exists()

    complete(application)
    application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.revision == 1
    revision = Revision.objects.get(application=application)
    assert revision.content["title"] == application.title
    assert revision.content["budget"][0]["description"] == "Animation"


def test_more_information_is_resubmitted_as_a_new_revision_and_the_diff_says_what_changed():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    staff = _staff()
    application = complete(ApplicationFactory(call=call_with_grid(), organization=organization))
    application_submit(actor=applicant, application=application)
    application_transition(actor=staff, application=application, step="screen")
    application_transition(
        actor=staff, application=application, step="ask_more_information", note="Précisez."
    )

    data = ApplicationData(
        title="Cuisines collectives élargies",
        summary=application.summary,
        amount_requested=Decimal("22000.00"),
        start_date=application.start_date,
        end_date=application.end_date,
        answers=dict(application.answers) | {"besoins": "Des besoins mieux décrits"},
        territories=list(application.territories.all()),
        budget=[
            BudgetItem("salaries", "Animation", Decimal("15000")),
            BudgetItem("materials", "Ustensiles", Decimal("700")),
        ],
    )
    application_save(actor=applicant, application=application, data=data)
    application_submit(actor=applicant, application=application)

    application.refresh_from_db()
    assert application.state == "submitted"
    first, second = Revision.objects.filter(application=application).order_by("number")
    assert second.number == 2
    changes = {
        c.label: c for c in revision_diff(first, second, section_titles={"besoins": "Besoins"})
    }
    assert changes["Titre du projet"].after == "Cuisines collectives élargies"
    assert changes["Besoins"].after == "Des besoins mieux décrits"
    assert "Ustensiles" in changes["Budget"].after
    assert "Montant demandé" in changes
    assert "Participation des personnes" not in changes  # unchanged sections are not listed

    response_html = (
        _client_for(applicant)
        .get(reverse("funding:application_revision", args=[application.pk, 2]))
        .text
    )
    assert "Des besoins mieux décrits" in response_html


def _client_for(user: User):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_whole_flow_through_the_pages(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    call = call_with_grid()
    territory = mrc()
    client.force_login(applicant)

    response = client.post(
        reverse("funding:application_start", args=[call.pk]),
        {"organization": organization.pk, "title": "Jardins partagés"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    edit_url = reverse("funding:application_edit", args=[application.pk])
    assert response.headers["Location"] == edit_url

    page = client.get(edit_url)
    form = page.context["form"]
    post = {
        "version": form["version"].value(),
        "title": "Jardins partagés",
        "summary": "Des jardins avec les familles.",
        "amount_requested": "18000",
        "start_date": "2026-05-01",
        "end_date": "2027-03-01",
        "territories": [territory.pk],
        "section_besoins": "Insécurité alimentaire",
        "section_participation": "Les familles décident",
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-0-category": "materials",
        "budget-0-description": "Semences",
        "budget-0-amount": "1200",
        "funding-TOTAL_FORMS": "2",
        "funding-INITIAL_FORMS": "0",
        "funding-0-source": "Ville",
        "funding-0-amount": "5000",
        "funding-0-status": "requested",
    }
    assert client.post(edit_url, post).status_code == 302
    application.refresh_from_db()
    assert application.answers["besoins"] == "Insécurité alimentaire"
    assert application.budget_lines.get().description == "Semences"
    assert application.other_funding.get().status == "requested"

    # Resumed later: what was saved is there; submitting is refused while the document lacks.
    page = client.get(edit_url)
    assert "Insécurité alimentaire" in page.text
    submit_url = reverse("funding:application_submit", args=[application.pk])
    refused = client.post(submit_url)
    assert refused.status_code == 400
    assert "Résolution du conseil" in refused.text

    required = call.required_attachments.get()
    added = client.post(
        reverse("funding:application_attachment_add", args=[application.pk]),
        {"file": _pdf(), "title": "", "required": required.pk},
    )
    assert added.status_code == 302
    assert client.post(submit_url).status_code == 302
    application.refresh_from_db()
    assert application.state == "submitted"
    assert "Déposée" in client.get(reverse("funding:application_mine")).text


def test_a_rejected_form_keeps_what_was_typed(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(call=call_with_grid(), organization=organization)
    client.force_login(applicant)
    url = reverse("funding:application_edit", args=[application.pk])
    version = client.get(url).context["form"]["version"].value()

    response = client.post(
        url,
        {
            "version": version,
            "title": "Titre modifié",
            "section_besoins": "Un long texte à garder",
            "start_date": "2027-01-01",
            "end_date": "2026-01-01",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-description": "Sans montant",
            "funding-TOTAL_FORMS": "0",
            "funding-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Un long texte à garder" in response.text
    assert "Titre modifié" in response.text
    application.refresh_from_db()
    assert application.title != "Titre modifié"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"), "n’est pas celui"),
        (SimpleUploadedFile("script.exe", b"MZ\x90\x00"), "pas accepté"),
        (_pdf(size=2 * 1024 * 1024), "trop volumineux"),
    ],
)
def test_a_document_refused_by_type_or_size_says_why_at_its_field(
    client, settings, upload, message
):
    settings.MAILLAGE_FUNDING_MAX_UPLOAD_MB = 1
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(call=call_with_grid(), organization=organization)
    client.force_login(applicant)

    response = client.post(
        reverse("funding:application_attachment_add", args=[application.pk]),
        {"file": upload, "title": "Pièce"},
    )
    assert response.status_code == 400
    assert 'id="field-file"' in response.text
    field_html = response.text.split('id="field-file"', 1)[1].split('id="field-title"', 1)[0]
    assert message in field_html
    assert not application.attachments.exists()


def test_only_the_organization_adds_documents():
    application = ApplicationFactory(call=call_with_grid())
    with pytest.raises(PermissionDenied):
        attachment_add(actor=_staff(), application=application, upload=_pdf())


def test_the_applicant_never_reads_the_analysis_nor_internal_comments(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    staff = _staff()
    application = complete(ApplicationFactory(call=call_with_grid(), organization=organization))
    application_submit(actor=applicant, application=application)
    application_transition(actor=staff, application=application, step="screen")
    Screening.objects.create(application=application, eligible=True, note="Note de recevabilité")
    Review.objects.create(application=application, reviewer=staff, comment="Avis confidentiel")
    comment_add(actor=staff, application=application, text="Commentaire interne", shared=False)
    comment_add(actor=staff, application=application, text="Message partagé", shared=True)
    # An applicant's own comment is shared whatever they ask.
    mine = comment_add(actor=applicant, application=application, text="Merci", shared=False)
    assert mine.shared

    client.force_login(applicant)
    html = client.get(reverse("funding:application_detail", args=[application.pk])).text
    assert "Message partagé" in html
    assert "Commentaire interne" not in html
    assert "Note de recevabilité" not in html
    assert "Avis confidentiel" not in html
    assert "Examen de recevabilité" not in html  # the internal state's name
    assert "En analyse" in html
    assert "Partager avec le demandeur" not in html

    client.force_login(staff)
    html = client.get(reverse("funding:application_detail", args=[application.pk])).text
    assert "Commentaire interne" in html
    assert "Examen de recevabilité" in html


def test_staff_ask_for_more_information_from_the_page_and_the_applicant_reads_the_note(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(organization=organization, state="screening")
    client.force_login(_staff())

    response = client.post(
        reverse("funding:application_move", args=[application.pk, "ask_more_information"]),
        {"note": "Ajoutez la lettre d'appui."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "more_information"

    client.force_login(applicant)
    html = client.get(reverse("funding:application_detail", args=[application.pk])).text
    assert "Ajoutez la lettre d" in html
    assert Comment.objects.count() == 0


def test_content_of_keeps_everything_as_plain_values():
    application = complete(ApplicationFactory(call=call_with_grid()))
    content = content_of(application)
    assert content["amount_requested"] == "25000.00"
    assert content["territories"] == ["Charlevoix-Est"]
    assert set(content["answers"]) == {"besoins", "participation"}


def test_a_reviewer_comment_stays_internal_and_only_staff_share_one():
    from maillage.funding.models import Assignment

    application = ApplicationFactory(state="in_review")
    reviewer = user_with_person(Role.MEMBER)
    Assignment.objects.create(application=application, reviewer=reviewer)

    said = comment_add(actor=reviewer, application=application, text="Avis", shared=True)
    told = comment_add(actor=_staff(), application=application, text="Bonjour", shared=True)

    assert not said.shared
    assert told.shared


def test_an_invited_intention_becomes_a_full_application_with_the_full_checklist():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    call = call_with_grid(two_steps=True)
    application = application_start(
        actor=applicant, call=call, organization=organization, title="Intention"
    )
    # The intention answers no section of the full application (none is asked in it).
    application.summary = "Une idée"
    application.amount_requested = Decimal("10000")
    application.save()
    application.territories.add(mrc())
    assert missing_items(application) == []
    application_submit(actor=applicant, application=application)
    application_transition(actor=_staff(), application=application, step="screen")
    application_transition(actor=_staff(), application=application, step="invite")

    application.refresh_from_db()
    assert application.stage == "full"
    assert application.state == "invited"
    assert any("Besoins du milieu" in item for item in missing_items(application))


def test_the_application_page_keeps_its_query_count_as_its_activity_grows(client, query_budget):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    staff = _staff()
    application = complete(ApplicationFactory(call=call_with_grid(), organization=organization))
    application_submit(actor=applicant, application=application)
    url = reverse("funding:application_detail", args=[application.pk])
    meter = query_budget(40)
    client.force_login(staff)

    few = meter.get(client, url)
    for n in range(8):
        comment_add(actor=staff, application=application, text=f"Note {n}", shared=n % 2 == 0)
    application_transition(actor=staff, application=application, step="screen")
    application_transition(actor=staff, application=application, step="ask_more_information")
    application_submit(actor=applicant, application=application)
    many = meter.get(client, url)

    assert few == many
    assert "Note 7" in client.get(url).text


def test_a_form_sent_after_someone_else_saved_is_refused_and_keeps_what_was_typed(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    colleague = applicant_of(organization)
    application = ApplicationFactory(call=call_with_grid(), organization=organization)
    client.force_login(applicant)
    url = reverse("funding:application_edit", args=[application.pk])
    version = client.get(url).context["form"]["version"].value()
    application_save(
        actor=colleague,
        application=application,
        data=ApplicationData(title="Le titre de ma collègue"),
    )

    response = client.post(
        url,
        {
            "version": version,
            "title": "Mon titre",
            "budget-TOTAL_FORMS": "0",
            "budget-INITIAL_FORMS": "0",
            "funding-TOTAL_FORMS": "0",
            "funding-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 409
    assert "Mon titre" in response.text
    application.refresh_from_db()
    assert application.title == "Le titre de ma collègue"


def test_my_applications_show_public_state_names_in_the_same_queries_at_two_sizes(
    client, query_budget
):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    elsewhere = ApplicationFactory(title="Projet d'un autre organisme")
    ApplicationFactory(organization=organization, state="screening", title="Premier projet")
    client.force_login(applicant)
    url = reverse("funding:application_mine")
    meter = query_budget(20)

    few = meter.get(client, url)
    for n in range(15):
        ApplicationFactory(organization=organization, state="in_review", title=f"Projet {n}")
    many = meter.get(client, url)

    assert few == many
    html = client.get(url).text
    assert "Premier projet" in html
    assert "En analyse" in html
    assert "Examen de recevabilité" not in html
    assert elsewhere.title not in html
