"""My data: the page, the ZIP (JSON validated against its schema, CSV per section), the PDF,
the audit of each download, and a page whose queries do not grow with the data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from maillage.core import personal
from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent
from maillage.core.personal import Row, Section
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy import mydata
from maillage.privacy.models import DataCopy
from maillage.privacy.services.mydata import my_data_copy_request
from maillage.privacy.tests.factories import RequestFactory
from maillage.privacy.verbs import MyDataVerb

pytestmark = pytest.mark.django_db


def _sections(account):
    return [
        Section(
            key="test.seats",
            title="Sièges à l’essai",
            purpose="Pour savoir qui siège au nom de qui.",
            rows=[
                Row(
                    {
                        "Organisme": "Centre Sainte-Foy",
                        "Depuis": date(2024, 3, 1),
                        "Substitut": False,
                    },
                    correct_url="/corriger/siege/1/",
                ),
                Row({"Organisme": "Table de quartier", "Montant": Decimal("12.50"), "Note": None}),
            ],
        )
    ]


@pytest.fixture
def person(client, exporter):
    account = user_with_role(Role.CITIZEN, first_name="Hélène", last_name="Gagnon")
    exporter("test.seats", _sections)
    client.force_login(account)
    return account


def test_the_page_lists_the_kinds_held_each_with_its_purpose_and_page(client, person):
    RequestFactory(account=person, message="Je veux tout voir.")
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200
    text = page.content.decode()
    seats = reverse("privacy:my_data_section", kwargs={"key": "test.seats"})
    assert f'<a href="{seats}">Sièges à l’essai</a>' in text
    assert "Pour savoir qui siège au nom de qui." in text
    requests = reverse("privacy:my_data_section", kwargs={"key": "privacy.requests"})
    assert f'href="{requests}"' in text
    # A kind the account has nothing of is named, with its purpose, without a page.
    officer = reverse("privacy:my_data_section", kwargs={"key": "privacy.officer"})
    assert f'href="{officer}"' not in text
    # The records themselves are on each kind's page, not on the contents.
    assert "Centre Sainte-Foy" not in text and "Je veux tout voir." not in text


def test_each_kind_s_page_shows_its_records_and_where_to_correct(client, person):
    RequestFactory(account=person, message="Je veux tout voir.")
    url = reverse("privacy:my_data_section", kwargs={"key": "test.seats"})
    text = client.get(url).content.decode()
    assert "<h1>Sièges à l’essai</h1>" in text
    assert "Pour savoir qui siège au nom de qui." in text
    assert "2 enregistrements." in text
    assert "Centre Sainte-Foy" in text and "Table de quartier" in text
    assert 'href="/corriger/siege/1/"' in text and "Corriger" in text
    # The privacy app's own kind: the account's requests.
    url = reverse("privacy:my_data_section", kwargs={"key": "privacy.requests"})
    assert "Je veux tout voir." in client.get(url).content.decode()


def test_a_kind_held_of_nobody_says_so_and_an_unknown_kind_is_not_found(client, person):
    url = reverse("privacy:my_data_section", kwargs={"key": "privacy.officer"})
    page = client.get(url)
    assert page.status_code == 200
    assert "La plateforme ne détient rien de ce type à votre sujet." in page.content.decode()
    url = reverse("privacy:my_data_section", kwargs={"key": "test.nothing"})
    assert client.get(url).status_code == 404


def test_each_value_is_written_for_a_reader_and_escaped(client, person, exporter):
    exporter(
        "test.values",
        lambda account: [
            Section(
                key="test.values",
                title="Valeurs",
                purpose="Pour l’essai.",
                rows=[Row({"Texte": "<b>gras</b>", "Oui": True, "Non": False, "Rien": None})],
            )
        ],
    )
    url = reverse("privacy:my_data_section", kwargs={"key": "test.values"})
    text = client.get(url).content.decode()
    assert "<td>&lt;b&gt;gras&lt;/b&gt;</td><td>oui</td><td>non</td><td>—</td>" in text
    assert "<b>gras</b>" not in text
    url = reverse("privacy:my_data_section", kwargs={"key": "test.seats"})
    assert "<td>1er mars 2024</td>" in client.get(url).content.decode()  # a date, in words


def test_the_zip_holds_json_valid_against_its_schema_a_csv_per_section_and_the_schema(
    person, copy_of
):
    RequestFactory(account=person)
    response = copy_of("zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    names = set(archive.namelist())
    assert {"data.json", "schema.json", "test.seats.csv", "privacy.requests.csv"} <= names
    data = json.loads(archive.read("data.json"))
    schema = json.loads(archive.read("schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["account"] == {"id": person.pk}
    seats = next(s for s in data["sections"] if s["key"] == "test.seats")
    assert seats["rows"][0]["values"]["Depuis"] == "2024-03-01"
    assert seats["rows"][1]["values"]["Montant"] == 12.5
    rows = list(csv.reader(io.StringIO(archive.read("test.seats.csv").decode("utf-8-sig"))))
    assert rows[0] == ["Organisme", "Depuis", "Substitut", "Montant", "Note"]
    assert rows[1][:3] == ["Centre Sainte-Foy", "2024-03-01", "False"]
    assert rows[2] == ["Table de quartier", "", "", "12.5", ""]


def test_the_schema_refuses_a_document_out_of_shape():
    validator = jsonschema.Draft202012Validator(mydata.SCHEMA)
    good = {
        "format": mydata.FORMAT,
        "version": mydata.VERSION,
        "generated_at": "2026-01-01T00:00:00+00:00",
        "collective": "Collectif",
        "account": {"id": 1},
        "sections": [],
    }
    assert validator.is_valid(good)
    nested = {"key": "k", "file": "k.csv", "title": "", "purpose": "", "rows": []}
    bad_value = {"values": {"a": {"nested": 1}}, "correct_url": ""}
    assert not validator.is_valid({**good, "sections": [{**nested, "rows": [bad_value]}]})
    assert not validator.is_valid({**good, "version": 2})


def test_the_pdf_is_readable(person, copy_of):
    response = copy_of("pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.getvalue()
    assert content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Sièges à l’essai" in text
    assert "Centre Sainte-Foy" in text


def test_each_copy_and_download_is_audited_without_its_content(person, copy_of):
    copy_of("zip")
    copy_of("pdf")
    events = AuditEvent.objects.filter(actor=person)
    downloads = events.filter(verb=MyDataVerb.DOWNLOADED)
    assert sorted(e.payload["format"] for e in downloads) == ["pdf", "zip"]
    asked = events.filter(verb=MyDataVerb.COPY_REQUESTED)
    assert sorted(e.payload["format"] for e in asked) == ["pdf", "zip"]
    made = AuditEvent.objects.filter(verb=MyDataVerb.COPY_READY)
    assert made.count() == 2
    assert all(
        "Centre" not in json.dumps(e.payload)
        for e in AuditEvent.objects.filter(verb__in=MyDataVerb.values)
    )


def test_a_copy_is_announced_by_e_mail_with_its_link_and_listed_on_the_page(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("privacy:my_data"), {"file_format": "zip"}, follow=True)
    assert "Votre copie est en préparation." in page.content.decode()
    copy = DataCopy.objects.get(account=person)
    assert copy.state == "ready" and copy.sections > 0 and copy.size > 0
    link = reverse("privacy:my_data_copy", kwargs={"pk": copy.pk})
    [mail] = mailoutbox
    assert mail.to == [person.email]
    assert "Votre copie de vos données est prête" in mail.subject
    assert link in mail.body and "Centre Sainte-Foy" not in mail.body
    text = client.get(reverse("privacy:my_data")).content.decode()
    assert f'href="{link}"' in text and "Fichier ZIP (JSON et CSV)" in text


def test_asking_twice_while_a_copy_is_prepared_makes_one(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = my_data_copy_request(actor=person, file_format="zip")
        second = my_data_copy_request(actor=person, file_format="zip")
        other = my_data_copy_request(actor=person, file_format="pdf")
    assert first == second != other
    assert DataCopy.objects.filter(account=person, state="preparing").count() == 2


def test_a_copy_is_only_its_account_s_and_only_while_it_is_kept(
    client, person, copy_of, monkeypatch
):
    assert copy_of("zip").status_code == 200
    copy = DataCopy.objects.get(account=person)
    client.force_login(user_with_role(Role.ADMIN))
    url = reverse("privacy:my_data_copy", kwargs={"pk": copy.pk})
    assert client.get(url).status_code == 404
    client.force_login(person)
    assert client.get(url).status_code == 200
    assert copy.expires_at is not None
    later = copy.expires_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(reverse("privacy:my_data")).content.decode()


def test_the_retention_rule_removes_the_copies_past_their_days_with_their_files(
    person, copy_of, monkeypatch, django_capture_on_commit_callbacks
):
    copy_of("zip")
    copy = DataCopy.objects.get(account=person)
    storage, name = copy.file.storage, copy.file.name
    assert storage.exists(name)
    rule = personal.load().retention["privacy.data_copies"]
    assert rule.expired(timezone.now()) == []
    assert copy.expires_at is not None
    later = copy.expires_at + timedelta(seconds=1)
    [expired] = rule.expired(later)
    assert expired.pk == copy.pk and "Hélène" not in expired.label
    monkeypatch.setattr(timezone, "now", lambda: later)
    with django_capture_on_commit_callbacks(execute=True):
        assert rule.remove([copy.pk], SYSTEM) == 1
    assert not DataCopy.objects.filter(pk=copy.pk).exists()
    assert not storage.exists(name)


def test_a_copy_that_cannot_be_made_says_so_to_its_account(
    client, person, exporter, mailoutbox, django_capture_on_commit_callbacks
):
    def broken(account):
        raise RuntimeError("an app's export failed")

    exporter("test.broken", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:my_data"), {"file_format": "zip"})
    copy = DataCopy.objects.get(account=person)
    assert copy.state == "failed" and not copy.file
    assert any("n’a pas pu être faite" in mail.subject for mail in mailoutbox)
    personal.REGISTRY.exporters.pop("test.broken")  # the page reads every exporter too
    assert "Impossible à faire" in client.get(reverse("privacy:my_data")).content.decode()


def test_a_format_out_of_the_list_is_refused_at_its_field(client, person):
    page = client.post(reverse("privacy:my_data"), {"file_format": "exe"})
    assert page.status_code == 400
    assert "Sélectionnez un choix valide" in page.content.decode()
    assert not DataCopy.objects.exists()


def test_my_space_and_the_account_menu_lead_to_my_data(client, person):
    page = client.get(reverse("core:my_space")).content.decode()
    assert page.count(f'href="{reverse("privacy:my_data")}"') >= 2


def test_the_page_queries_do_not_grow_with_the_requests(client, person, query_budget):
    # The contents ask one probe per app and read no record: a regression to reading the
    # records, or to a query per kind, fails here.
    meter = query_budget(25)
    RequestFactory(account=person)
    few = meter.get(client, reverse("privacy:my_data"))
    RequestFactory.create_batch(12, account=person)
    many = meter.get(client, reverse("privacy:my_data"))
    assert few == many


def test_a_kind_s_page_queries_do_not_grow_with_its_records(client, person, query_budget):
    meter = query_budget(25)
    url = reverse("privacy:my_data_section", kwargs={"key": "privacy.requests"})
    RequestFactory(account=person)
    few = meter.get(client, url)
    RequestFactory.create_batch(12, account=person)
    many = meter.get(client, url)
    assert few == many


def test_my_consents_and_the_policy_versions_i_accepted_are_my_data(client, person, copy_of):
    from maillage.privacy.models import Purpose
    from maillage.privacy.services.consents import consent_set
    from maillage.privacy.services.policy import policy_accept
    from maillage.privacy.tests.factories import publish

    policy_accept(actor=person, version=publish("Première version."))
    consent_set(actor=person, account=person, purpose=Purpose.NEWSLETTER, given=True)
    consent_set(actor=person, account=person, purpose=Purpose.NEWSLETTER, given=False)
    archive = zipfile.ZipFile(io.BytesIO(copy_of("zip").getvalue()))
    data = json.loads(archive.read("data.json"))
    sections = {section["key"]: section for section in data["sections"]}
    answers = [row["values"] for row in sections["privacy.consents"]["rows"]]
    assert [answer["Donné"] for answer in answers] == [True, False]
    assert all(answer["Version de la politique"] == 1 for answer in answers)
    [accepted] = sections["privacy.policy_acceptances"]["rows"]
    assert accepted["values"]["Version"] == 1
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Mes consentements" in page
    url = reverse("privacy:my_data_section", kwargs={"key": "privacy.consents"})
    assert f'href="{reverse("privacy:consents")}"' in client.get(url).content.decode()


def test_an_anonymized_account_s_copies_go_with_their_files(
    person, copy_of, django_capture_on_commit_callbacks
):
    from maillage.privacy.services.anonymization import account_anonymize

    copy_of("zip")
    copy = DataCopy.objects.get(account=person)
    storage, name = copy.file.storage, copy.file.name
    with django_capture_on_commit_callbacks(execute=True):
        account_anonymize(actor=SYSTEM, account=person, remove_texts=False)
    assert not DataCopy.objects.filter(account=person).exists()
    assert not storage.exists(name)
