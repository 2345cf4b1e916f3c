"""The pages of consultations: public reading, drafts, and the forms of their managers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Consultation, PhaseKind
from maillage.participation.tests.factories import CircleFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def logged(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail(consultation: Consultation) -> str:
    return reverse("participation:consultation_detail", kwargs={"slug": consultation.slug})


def test_the_list_is_public_and_in_french_at_the_apps_root(client):
    ConsultationFactory(title_fr="Se loger dignement")
    ConsultationFactory(title_fr="Brouillon caché", published_at=None)
    url = reverse("participation:consultation_list")
    assert url == "/participation/"
    page = client.get(url).text
    assert "Se loger dignement" in page and "Brouillon caché" not in page
    assert "Vos idées sont attendues maintenant" in page
    with translation.override("en"):
        assert reverse("participation:consultation_list") == "/en/participation/"


def test_the_list_filters_without_javascript(client):
    ConsultationFactory(title_fr="En analyse", phase=PhaseKind.ANALYSIS)
    ConsultationFactory(title_fr="Ouverte")
    page = client.get(reverse("participation:consultation_list"), {"phase": "analysis"}).text
    assert "En analyse" in page and "Ouverte" not in page
    # An unknown value filters nothing rather than failing.
    assert client.get(reverse("participation:consultation_list"), {"phase": "x"}).status_code == 200


def test_a_consultations_page_shows_its_question_timeline_group_and_report(client):
    consultation = ConsultationFactory(
        phase=PhaseKind.REPORT,
        heard_fr="Le transport revient dans une idée sur deux.",
        decided_fr="Le cercle demande une navette le samedi.",
    )
    page = client.get(detail(consultation)).text
    assert consultation.question_fr in page.replace("&#x27;", "'")
    assert 'aria-current="step"' in page
    assert "Phase 4 : ce qui se passe." in page
    assert reverse("governance:circle_detail", kwargs={"slug": consultation.circle.slug}) in page
    assert "Ce que nous avons fait de vos idées" in page
    assert "Le cercle demande une navette le samedi." in page
    assert "0 proposition jusqu’ici." in page
    slug = {"slug": consultation.slug}
    assert reverse("participation:proposal_list", kwargs=slug) in page
    assert reverse("participation:consultation_report", kwargs=slug) in page


def test_without_a_report_back_there_is_no_report_section(client):
    page = client.get(detail(ConsultationFactory())).text
    assert "Ce que nous avons fait de vos idées" not in page


def test_a_draft_is_for_its_group_and_marked_as_such(client):
    draft = ConsultationFactory(published_at=None)
    assert client.get(detail(draft)).status_code == 302  # to the login page
    assert logged(member_of(CircleFactory())).get(detail(draft)).status_code == 403
    page = logged(member_of(draft.circle)).get(detail(draft)).text
    assert "brouillon" in page and "Publier" in page


def test_the_create_form_offers_only_the_persons_groups_and_keeps_what_was_typed():
    mine = CircleFactory(name="Cercle Mobilité")
    CircleFactory(name="Cercle Voisin")
    client = logged(member_of(mine))
    url = reverse("participation:consultation_create")
    page = client.get(url).text
    assert "Cercle Mobilité" in page and "Cercle Voisin" not in page
    response = client.post(
        url,
        {
            "title_fr": "Bouger sans voiture",
            "question_fr": "Qu’est-ce qui vous aiderait?",
            "group": f"circle-{mine.pk}",
            "starts_on": "2031-03-10",
            "ends_on": "2031-03-11",
        },
    )
    assert response.status_code == 400
    assert "Une consultation dure au moins quatre jours" in response.text
    assert 'value="Bouger sans voiture"' in response.text
    assert not Consultation.objects.exists()


def test_creating_leads_to_the_phases_which_are_checked_at_their_fields():
    mine = CircleFactory()
    client = logged(member_of(mine))
    response = client.post(
        reverse("participation:consultation_create"),
        {
            "title_fr": "Bouger sans voiture",
            "question_fr": "Qu’est-ce qui vous aiderait?",
            "group": f"circle-{mine.pk}",
            "starts_on": "2031-03-01",
            "ends_on": "2031-04-09",
        },
    )
    consultation = Consultation.objects.get()
    phases_url = reverse("participation:consultation_phases", kwargs={"slug": consultation.slug})
    assert response.status_code == 302 and response.url == phases_url
    opened = client.get(phases_url)
    version = opened.context["form"]["version"].value()
    days = [("03-01", "03-05"), ("03-04", "03-25"), ("03-26", "03-30"), ("03-31", "04-09")]
    sent = {"version": version, "phase-TOTAL_FORMS": "4", "phase-INITIAL_FORMS": "4"}
    for index, (start, end) in enumerate(days):
        sent |= {
            f"phase-{index}-starts_on": f"2031-{start}",
            f"phase-{index}-ends_on": f"2031-{end}",
            f"phase-{index}-text_fr": f"Texte tapé {index}",
        }
    refused = client.post(phases_url, sent)
    assert refused.status_code == 400
    assert "L’étape doit commencer après la fin de l’étape d’avant." in refused.text
    assert "Texte tapé 2" in refused.text
    sent["phase-1-starts_on"] = "2031-03-06"
    assert client.post(phases_url, sent).status_code == 302
    assert consultation.phases.get(kind=PhaseKind.CONTRIBUTIONS).starts_on == dt.date(2031, 3, 6)


def test_a_member_of_its_group_edits_publishes_and_unpublishes_it():
    consultation = ConsultationFactory(published_at=None)
    client = logged(member_of(consultation.circle))
    slug = {"slug": consultation.slug}
    edit = client.get(reverse("participation:consultation_update", kwargs=slug))
    assert edit.status_code == 200 and str(consultation.title_fr) in edit.text
    client.post(reverse("participation:consultation_publish", kwargs=slug))
    assert Consultation.objects.get(pk=consultation.pk).is_published
    client.post(reverse("participation:consultation_unpublish", kwargs=slug))
    assert not Consultation.objects.get(pk=consultation.pk).is_published


def test_someone_outside_its_group_may_not_edit_or_publish_it():
    consultation = ConsultationFactory(published_at=None)
    client = logged(member_of(CircleFactory()))
    slug = {"slug": consultation.slug}
    assert client.get(reverse("participation:consultation_update", kwargs=slug)).status_code == 403
    assert (
        client.post(reverse("participation:consultation_publish", kwargs=slug)).status_code == 403
    )
    assert not Consultation.objects.get(pk=consultation.pk).is_published


def test_staff_see_the_edit_form_with_its_values():
    consultation = ConsultationFactory()
    page = logged(user_with_role(Role.STAFF)).get(
        reverse("participation:consultation_update", kwargs={"slug": consultation.slug})
    )
    assert page.status_code == 200
    assert f'value="{consultation.starts_on.isoformat()}"' in page.text


def test_the_page_reads_in_english_under_en(client):
    consultation = ConsultationFactory(title_en="Decent housing for all")
    with translation.override("en"):
        url = detail(consultation)
    assert url.startswith("/en/participation/consultations/")
    page = client.get(url).text
    assert "Decent housing for all" in page and "The steps" in page


def test_the_page_offers_to_propose_and_answer_only_while_contributions_are_gathered(client):
    from maillage.participation.tests.factories import QuestionnaireFactory

    gathering = ConsultationFactory()
    closed = ConsultationFactory(phase=PhaseKind.ANALYSIS)
    for consultation in (gathering, closed):
        QuestionnaireFactory(consultation=consultation)
    open_page = client.get(detail(gathering)).text
    closed_page = client.get(detail(closed)).text
    propose = reverse("participation:proposal_create", kwargs={"slug": gathering.slug})
    assert propose in open_page and "Faire une proposition" in open_page
    assert "Faire une proposition" not in closed_page
    assert "Répondre au questionnaire" in open_page
    assert "Résultats de" in closed_page and "Répondre au questionnaire" not in closed_page


def test_the_kept_list_follows_every_change_and_keeps_drafts_to_their_group(client):
    ConsultationFactory(title_fr="Se nourrir en hiver")
    url = reverse("participation:consultation_list")
    assert "Se nourrir en hiver" in client.get(url).text
    draft = ConsultationFactory(title_fr="Un brouillon du cercle", published_at=None)
    member = member_of(draft.circle)
    insider = Client()
    insider.force_login(member)
    assert "Un brouillon du cercle" in insider.get(url).text
    assert "Un brouillon du cercle" not in client.get(url).text
    draft.title_fr = "Une consultation publiée"
    draft.published_at = timezone.now()
    draft.save()
    assert "Une consultation publiée" in client.get(url).text
    assert "Une consultation publiée" in insider.get(url).text


def test_phases_sent_without_their_management_data_are_refused_without_a_server_error():
    consultation = ConsultationFactory()
    staff = Client()
    staff.force_login(user_with_role(Role.STAFF))
    url = reverse("participation:consultation_phases", kwargs={"slug": consultation.slug})
    response = staff.post(url, {"phase-TOTAL_FORMS": "x", "phase-0-starts_on": "2030-01-01"})
    assert response.status_code == 400
    assert consultation.phases.count() == 4


def test_the_kept_list_links_its_pages_with_its_own_filters_only(monkeypatch):
    """The rows are kept per filters: their page links carry those filters, never what else
    the first reader's address held."""
    monkeypatch.setattr("maillage.participation.selectors.consultations.PAGE_SIZE", 1)
    for n in range(2):
        ConsultationFactory(title_fr=f"Ouverte {n}")
    url = reverse("participation:consultation_list")
    first = Client().get(url, {"phase": "contributions", "page": "1", "ref": "planted"}).text
    assert 'href="?phase=contributions&amp;page=2"' in first
    later = Client().get(url, {"phase": "contributions", "page": "1"}).text
    assert 'href="?phase=contributions&amp;page=2"' in later
    assert "planted" not in later
