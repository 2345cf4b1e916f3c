from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.network import imports, services
from maillage.network.models import Organization, Person, Seat
from maillage.network.tests.factories import (
    OrganizationFactory,
    SeatFactory,
    mrc,
    municipality,
)

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"

HEADER = "name,acronym,neq,sectors,level,territories,website,email,phone,status,description\n"


def run(staff, text, kind="organizations", dry_run=False):
    rows = imports.parse_csv(text, kind)
    return services.network_import(actor=staff, kind=kind, rows=rows, dry_run=dry_run)


def test_decode_utf8_with_and_without_bom_and_cp1252():
    text = "name\nÉcole fictive\n"
    assert imports.decode_csv(text.encode("utf-8")) == text
    assert imports.decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert imports.decode_csv(text.encode("cp1252")) == text


@pytest.mark.parametrize("data", [b"", b"   \n", b"name\x00\x01", b"name\n\x81\x8d\x8f\x90\x9d"])
def test_decode_refuses_what_is_not_a_csv(data):
    with pytest.raises(imports.ImportFileError):
        imports.decode_csv(data)


def test_read_upload_checks_extension_and_size(settings):
    with pytest.raises(imports.ImportFileError, match="csv"):
        imports.read_upload(SimpleUploadedFile("liste.xlsx", b"name\nX\n"))
    settings.MAILLAGE_MAX_UPLOAD_BYTES = 10
    with pytest.raises(imports.ImportFileError):
        imports.read_upload(SimpleUploadedFile("liste.csv", b"name\n" + b"x" * 20))


def test_parse_semicolons_french_headers_and_line_numbers():
    text = 'Nom;Secteurs;Palier\n"Groupe A";communautaire;local\n\n"Groupe\nB";municipal;régional\n'
    rows = imports.parse_csv(text, "organizations")
    assert [r.line for r in rows] == [2, 4]
    assert rows[0].values["name"] == "Groupe A"
    assert rows[1].values["level"] == "régional"


def test_parse_refuses_unknown_and_missing_columns():
    with pytest.raises(imports.ImportFileError, match="couleur"):
        imports.parse_csv("name,couleur\nX,bleu\n", "organizations")
    with pytest.raises(imports.ImportFileError, match="name"):
        imports.parse_csv("acronym\nX\n", "organizations")


def test_import_creates_then_updates(staff, la_malbaie):
    text = HEADER + (
        "Groupe Alpha (fictif),GAF,1234567890,communautaire;municipal,local,2415013,"
        "https://alpha.example.org,info@alpha.example.org,418 555-0000,partner,Exemple\n"
    )
    report = run(staff, text)
    assert report.applied and report.created == 1 and not report.errors
    organization = Organization.objects.get(neq="1234567890")
    assert list(organization.territories.all()) == [la_malbaie]
    assert organization.sectors.count() == 2
    assert AuditEvent.objects.filter(verb="network.imported").count() == 1
    # Same NEQ, new name and status; empty cells keep the current values.
    again = run(staff, HEADER + "Groupe Alpha renommé (fictif),,1234567890,,,,,,,former,\n")
    assert again.updated == 1
    organization.refresh_from_db()
    assert organization.name == "Groupe Alpha renommé (fictif)"
    assert organization.status == "former"
    assert organization.acronym == "GAF"
    assert run(staff, HEADER + "Groupe Alpha renommé (fictif),,,,,,,,,,\n").unchanged == 1


def test_import_with_one_bad_line_imports_nothing_and_names_the_line(staff, charlevoix_est):
    text = HEADER + (
        "Groupe Un (fictif),,,communautaire,local,2415,,,,,\n"
        "Groupe Deux (fictif),,,communautaire,local,,,,,,\n"
        "Groupe Trois (fictif),,123,communautaire,local,,,,,,\n"
        "Groupe Quatre (fictif),,,inconnu,planétaire,9999,,pas-un-courriel,,ami,\n"
    )
    report = run(staff, text)
    assert not report.applied
    assert Organization.objects.count() == 0
    assert not AuditEvent.objects.exists()
    messages = [str(error) for error in report.errors]
    assert any(m.startswith("ligne 4") and "NEQ « 123 »" in m for m in messages), messages
    line5 = [e.column for e in report.errors if e.line == 5]
    assert set(line5) == {"sectors", "level", "territories", "email", "status"}
    # The good lines were checked too, and would have been created.
    assert [o.line for o in report.outcomes] == [2, 3]


def test_dry_run_changes_nothing(staff):
    report = run(staff, HEADER + "Groupe Sec (fictif),,,autre,,,,,,,\n", dry_run=True)
    assert report.created == 1 and not report.applied
    assert not Organization.objects.exists()


def test_a_new_organization_needs_a_sector(staff):
    report = run(staff, HEADER + "Sans secteur (fictif),,,,,,,,,,\n")
    assert [(e.line, e.column) for e in report.errors] == [(2, "sectors")]


def test_import_people_with_functions_and_seats(staff):
    organization = OrganizationFactory.create(name="Entraide des Grèves (fictif)", neq="1170000001")
    text = (
        "prénom,nom,courriel,téléphone,organisation,fonction,siège,début_siège,courriel_titulaire\n"
        "Rosalie,Exemple,rosalie@example.org,,Entraide des Grèves (fictif),"
        "Directrice,titulaire,2025-01-15,\n"
        "Gaspard,Fictif,gaspard@example.org,,1170000001,Coordonnateur,substitut,,\n"
    )
    report = run(staff, text, kind="people")
    assert not report.errors, [str(e) for e in report.errors]
    assert report.created == 2
    seat = Seat.objects.get(organization=organization)
    assert seat.holder.email == "rosalie@example.org"
    assert seat.start_date == datetime.date(2025, 1, 15)
    assert [p.email for p in seat.substitutes.all()] == ["gaspard@example.org"]
    # Importing the same file again changes nothing.
    assert run(staff, text, kind="people").unchanged == 2
    assert Seat.objects.count() == 1 and Person.objects.count() == 2


def test_people_errors_name_their_column(staff):
    OrganizationFactory.create(name="Seul (fictif)")
    text = (
        "first_name,last_name,email,organization,function,seat,seat_start\n"
        ",Sans-prénom,x@example.org,,,,\n"
        "Ana,Inconnue,ana@example.org,Nulle part,Rôle,,\n"
        "Bo,Substitut,bo@example.org,Seul (fictif),,substitut,\n"
        "Cé,Date,ce@example.org,Seul (fictif),,titulaire,15 janvier\n"
    )
    report = run(staff, text, kind="people")
    found = {(e.line, e.column) for e in report.errors}
    assert found == {(2, "first_name"), (3, "organization"), (4, "seat"), (5, "seat_start")}
    assert not Person.objects.exists()


def test_substitute_needs_the_holder_when_several_seats(staff):
    seat = SeatFactory.create()
    SeatFactory.create(organization=seat.organization)
    text = (
        "first_name,last_name,organization,seat,holder_email\n"
        f"Dé,Sub,{seat.organization.name},substitut,\n"
        f"Eu,Sub,{seat.organization.name},substitut,{seat.holder.email}\n"
    )
    report = run(staff, text, kind="people")
    assert [(e.line, e.column) for e in report.errors] == [(2, "holder_email")]


def test_example_files_import_cleanly(staff):
    for code, name in (("2415013", "La Malbaie"), ("2415035", "Clermont")):
        municipality(code=code, name=name)
    mrc(code="2434", name="Portneuf")
    organizations = imports.decode_csv((EXAMPLES / "organizations.csv").read_bytes())
    report = run(staff, organizations)
    assert not report.errors, [str(e) for e in report.errors]
    people = imports.decode_csv((EXAMPLES / "people.csv").read_bytes())
    report = run(staff, people, kind="people")
    assert not report.errors, [str(e) for e in report.errors]
    assert report.created == 3


def test_command_dry_run_and_errors(tmp_path):
    good = tmp_path / "ok.csv"
    good.write_text(HEADER + "Groupe Commande (fictif),,,autre,,,,,,,\n", encoding="utf-8")
    call_command("import_network", "organizations", str(good), "--dry-run")
    assert not Organization.objects.exists()
    call_command("import_network", "organizations", str(good))
    assert Organization.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "X,,42,autre,,,,,,,\n", encoding="cp1252")
    with pytest.raises(CommandError, match="1"):
        call_command("import_network", "organizations", str(bad))


# The web pages


def upload(client, content: bytes, name="liste.csv", kind="organizations"):
    return client.post(
        reverse("network:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_upload_preview_then_confirm(staff_client):
    response = upload(staff_client, (HEADER + "Groupe Web (fictif),,,autre,,,,,,,\n").encode())
    assert response.status_code == 200
    assert "Aperçu" in response.text
    assert reverse("network:import_confirm") in response.text
    assert not Organization.objects.exists()
    token = response.context["token"]
    response = staff_client.post(reverse("network:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert Organization.objects.get().name == "Groupe Web (fictif)"
    # The preview is used once.
    response = staff_client.post(reverse("network:import_confirm"), {"token": token})
    assert Organization.objects.count() == 1


def test_upload_with_errors_lists_them_and_offers_no_confirmation(staff_client):
    content = (HEADER + "A (fictif),,,autre,,,,,,,\nB (fictif),,123,autre,,,,,,,\n").encode(
        "cp1252"
    )
    response = upload(staff_client, content)
    assert response.status_code == 400
    assert "ligne 3" in response.text
    assert "NEQ « 123 »" in response.text
    assert reverse("network:import_confirm") not in response.text
    assert not Organization.objects.exists()


def test_upload_refuses_a_wrong_file(staff_client):
    response = upload(staff_client, b"PK\x03\x04\x00\x00", name="liste.xlsx")
    assert response.status_code == 400
    assert ".csv" in response.text


def test_confirm_with_a_wrong_token_changes_nothing(staff_client):
    upload(staff_client, (HEADER + "Groupe Jeton (fictif),,,autre,,,,,,,\n").encode())
    response = staff_client.post(reverse("network:import_confirm"), {"token": "forged"})
    assert response.status_code == 302
    assert not Organization.objects.exists()
