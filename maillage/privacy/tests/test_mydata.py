"""My data: the page, the ZIP (JSON validated against its schema, CSV per section), the PDF,
the audit of each download, and a page whose queries do not grow with the data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import jsonschema
import pytest
from django.urls import reverse
from pypdf import PdfReader

from maillage.core.models import AuditEvent
from maillage.core.personal import Row, Section
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy import mydata
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


def test_the_page_shows_each_section_with_its_purpose_and_where_to_correct(client, person):
    RequestFactory(account=person, message="Je veux tout voir.")
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sièges à l’essai" in text
    assert "Pour savoir qui siège au nom de qui." in text
    assert "Centre Sainte-Foy" in text
    assert 'href="/corriger/siege/1/"' in text and "Corriger" in text
    # The privacy app's own section: the account's requests.
    assert "Je veux tout voir." in text


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
    text = client.get(reverse("privacy:my_data")).content.decode()
    assert "<td>&lt;b&gt;gras&lt;/b&gt;</td><td>oui</td><td>non</td><td>—</td>" in text
    assert "<b>gras</b>" not in text
    assert "<td>1er mars 2024</td>" in text  # a date, in words


def test_the_zip_holds_json_valid_against_its_schema_a_csv_per_section_and_the_schema(
    client, person
):
    RequestFactory(account=person)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
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


def test_the_pdf_is_readable(client, person):
    response = client.get(reverse("privacy:my_data_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Sièges à l’essai" in text
    assert "Centre Sainte-Foy" in text


def test_each_download_is_audited_without_its_content(client, person):
    client.get(reverse("privacy:my_data_download"))
    client.get(reverse("privacy:my_data_pdf"))
    events = AuditEvent.objects.filter(verb=MyDataVerb.DOWNLOADED, actor=person)
    assert sorted(e.payload["format"] for e in events) == ["pdf", "zip"]
    assert all("Centre" not in json.dumps(e.payload) for e in events)


def test_my_space_and_the_account_menu_lead_to_my_data(client, person):
    page = client.get(reverse("core:my_space")).content.decode()
    assert page.count(f'href="{reverse("privacy:my_data")}"') >= 2


def test_the_page_queries_do_not_grow_with_the_requests(client, person, query_budget):
    # One probe per app, then one query per kind of record the person holds (23 for a
    # citizen with requests): a regression to a query per kind, held or not, fails here.
    meter = query_budget(25)
    RequestFactory(account=person)
    few = meter.get(client, reverse("privacy:my_data"))
    RequestFactory.create_batch(12, account=person)
    many = meter.get(client, reverse("privacy:my_data"))
    assert few == many


def test_my_consents_and_the_policy_versions_i_accepted_are_my_data(client, person):
    from maillage.privacy.models import Purpose
    from maillage.privacy.services.consents import consent_set
    from maillage.privacy.services.policy import policy_accept
    from maillage.privacy.tests.factories import publish

    policy_accept(actor=person, version=publish("Première version."))
    consent_set(actor=person, account=person, purpose=Purpose.NEWSLETTER, given=True)
    consent_set(actor=person, account=person, purpose=Purpose.NEWSLETTER, given=False)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("privacy:my_data_download")).content))
    data = json.loads(archive.read("data.json"))
    sections = {section["key"]: section for section in data["sections"]}
    answers = [row["values"] for row in sections["privacy.consents"]["rows"]]
    assert [answer["Donné"] for answer in answers] == [True, False]
    assert all(answer["Version de la politique"] == 1 for answer in answers)
    [accepted] = sections["privacy.policy_acceptances"]["rows"]
    assert accepted["values"]["Version"] == 1
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Mes consentements" in page
    assert f'href="{reverse("privacy:consents")}"' in page
