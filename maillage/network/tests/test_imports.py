from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from maillage.core.imports import decode_csv
from maillage.core.models import AuditEvent, ImportJob
from maillage.network import imports, services
from maillage.network.models import Organization, Person, Seat
from maillage.network.tests.factories import (
    OrganizationFactory,
    SeatFactory,
    mrc,
    municipality,
    province,
    region,
)
from maillage.territories.models import TerritoryType
from maillage.territories.tests.factories import MunicipalityFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"

HEADER = "name,acronym,neq,sectors,level,territories,website,email,phone,status,description\n"


def run(staff, text, kind="organizations", dry_run=False):
    rows = imports.parse_csv(text, kind)
    return services.network_import(actor=staff, kind=kind, rows=rows, dry_run=dry_run)


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
    organizations = decode_csv((EXAMPLES / "organizations.csv").read_bytes())
    report = run(staff, organizations)
    assert not report.errors, [str(e) for e in report.errors]
    people = decode_csv((EXAMPLES / "people.csv").read_bytes())
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


def test_people_decode_through_the_core(staff):
    people = decode_csv((EXAMPLES / "people.csv").read_bytes())
    assert [row.line for row in imports.parse_csv(people, "people")][:1] == [2]


# The checks of a file's rows, as the import job's task runs them


def check_all(kind, text):
    checker = (
        imports.organization_checker() if kind == "organizations" else imports.person_checker()
    )
    return [e for row in imports.parse_csv(text, kind) for e in checker(row)]


def test_the_check_refuses_a_new_organization_without_a_sector(staff):
    OrganizationFactory.create(name="Déjà là (fictif)", neq="1170000002")
    errors = check_all(
        "organizations",
        HEADER
        + "Sans secteur (fictif),,,,,,,,,,\n"
        + "Déjà là (fictif),,,,,,,,,,\n"
        + "Autre nom (fictif),,1170000002,,,,,,,,\n"
        + "Nouveau (fictif),,,autre,,,,,,,\n"
        + "nouveau (FICTIF),,,,,,,,,,\n",
    )
    assert [(e.line, e.column) for e in errors] == [(2, "sectors")]


def test_the_check_reads_its_lookups_once(staff, django_assert_max_num_queries):
    text = HEADER + "".join(f"Groupe {n} (fictif),,,autre,,,,,,,\n" for n in range(300))
    rows = imports.parse_csv(text, "organizations")
    with django_assert_max_num_queries(3):
        checker = imports.organization_checker()
        assert not [e for row in rows for e in checker(row)]


# The web pages: upload, then the core's import job


def upload(client, content: bytes, name="liste.csv", kind="network.organizations"):
    return client.post(
        reverse("network:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.fixture
def uploaded(staff_client, django_capture_on_commit_callbacks):
    """Factory: upload a file as staff, its check run by its task; the job."""

    def make(content: bytes, kind="network.organizations") -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(staff_client, content, kind=kind)
        assert response.status_code == 302, response.context["form"].errors
        job = ImportJob.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
        assert response.url == reverse("core:import_job", kwargs={"pk": job.pk})
        return job

    return make


def test_upload_check_then_confirm(staff_client, uploaded, django_capture_on_commit_callbacks):
    job = uploaded((HEADER + "Groupe Web (fictif),,,autre,,,,,,,\n").encode())
    assert job.state == "checked" and job.kind == "network.organizations"
    page = staff_client.get(reverse("core:import_job", kwargs={"pk": job.pk}))
    assert "Aucune erreur : prêt à importer" in page.text
    assert not Organization.objects.exists()  # the check applies nothing
    confirm = reverse("core:import_job_confirm", kwargs={"pk": job.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(confirm).status_code == 302
    assert Organization.objects.get().name == "Groupe Web (fictif)"
    page = staff_client.get(reverse("core:import_job", kwargs={"pk": job.pk}))
    assert "1 créé(s), 0 mis à jour, 0 inchangé(s)." in page.text
    assert reverse("network:organization_list") in page.text
    assert AuditEvent.objects.filter(verb="network.imported", actor=job.uploaded_by).exists()
    # A job is confirmed once.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(confirm)
    assert Organization.objects.count() == 1


def test_the_report_names_each_error_by_line_and_column(staff_client, uploaded):
    content = (HEADER + "A (fictif),,,autre,,,,,,,\nB (fictif),,123,autre,,,,,,,\n").encode(
        "cp1252"
    )
    job = uploaded(content)
    assert job.state == "invalid"
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, "neq")]
    page = staff_client.get(reverse("core:import_job", kwargs={"pk": job.pk})).text
    assert '<td class="num">3</td>' in page and "<code>neq</code>" in page
    assert "NEQ « 123 »" in page
    assert reverse("core:import_job_confirm", kwargs={"pk": job.pk}) not in page
    assert not Organization.objects.exists()


def test_the_row_limit_refuses_a_longer_file_at_its_field(staff_client, settings):
    settings.MAILLAGE_IMPORT_MAX_ROWS = 2
    content = HEADER + "".join(f"Groupe {n} (fictif),,,autre,,,,,,,\n" for n in range(3))
    response = upload(staff_client, content.encode())
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Ce fichier compte 3 lignes; une importation en prend au plus 2. "
        "Divisez-le en plusieurs fichiers."
    ]
    assert "Divisez-le en plusieurs fichiers." in response.text
    assert not ImportJob.objects.exists()


def test_upload_refuses_a_wrong_file_at_its_field(staff_client):
    response = upload(staff_client, b"PK\x03\x04\x00\x00", name="liste.xlsx")
    assert response.status_code == 400
    assert ".csv" in " ".join(response.context["form"].errors["file"])
    response = upload(staff_client, b"prenom,couleur\nX,bleu\n", kind="network.people")
    assert "couleur" in " ".join(response.context["form"].errors["file"])
    assert re.search(r'value="network.people"[^>]* checked', response.text)  # the choice is kept
    assert not ImportJob.objects.exists()


def test_a_failing_application_changes_nothing(
    staff_client, uploaded, django_capture_on_commit_callbacks
):
    """Seats are looked up when a row is applied: the file passes the check, then its third row
    fails, and the person of its second row, already written, is rolled back."""
    OrganizationFactory.create(name="Sans siège (fictif)")
    job = uploaded(
        (
            "first_name,last_name,email,organization,seat\n"
            "Ana,Fictive,ana@example.org,,\n"
            "Bo,Substitut,bo@example.org,Sans siège (fictif),substitut\n"
        ).encode(),
        kind="network.people",
    )
    assert job.state == "checked"
    confirm = reverse("core:import_job_confirm", kwargs={"pk": job.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(confirm).status_code == 302
    job.refresh_from_db()
    assert job.state == "failed"
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, "seat")]
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(verb="person.created").exists()
    page = staff_client.get(reverse("core:import_job", kwargs={"pk": job.pk})).text
    assert "L’importation a échoué : rien n’a été modifié" in page


def test_the_upload_page_lists_the_persons_latest_imports(staff_client, uploaded, client_as):
    job = uploaded((HEADER + "Groupe Liste (fictif),,,autre,,,,,,,\n").encode())
    page = staff_client.get(reverse("network:import")).text
    assert reverse("core:import_job", kwargs={"pk": job.pk}) in page
    other = client_as("staff").get(reverse("network:import")).text
    assert reverse("core:import_job", kwargs={"pk": job.pk}) not in other


def test_later_rows_find_what_earlier_rows_created_or_renamed(staff):
    report = run(
        staff,
        HEADER
        + "Alpha (fictif),,1111111111,autre,,,,,,,\n"
        + "Alpha renommé (fictif),,1111111111,,,,,,,,\n"
        + "ALPHA RENOMMÉ (fictif),,,,,,,,,,\n"
        + "Alpha (fictif),,,autre,,,,,,,\n",
    )
    assert not report.errors, [str(e) for e in report.errors]
    assert [o.action for o in report.outcomes] == ["create", "update", "update", "create"]
    assert Organization.objects.count() == 2


def test_a_row_rolled_back_is_forgotten_by_the_rows_after_it(staff):
    OrganizationFactory.create(name="Sans siège (fictif)")
    report = run(
        staff,
        "first_name,last_name,email,organization,seat\n"
        "Ana,Fictive,ana@example.org,Sans siège (fictif),substitut\n"
        "Ana,Fictive,ana@example.org,,\n",
        kind="people",
    )
    assert [(e.line, e.column) for e in report.errors] == [(2, "seat")]
    assert [(o.line, o.action) for o in report.outcomes] == [(3, "create")]
    assert not Person.objects.exists()


def test_applying_searches_no_table_row_by_row(staff, django_assert_max_num_queries):
    """A case-insensitive search per row reads the whole table (no index serves it), so that a
    large import slowed down row after row: existing records are read once."""
    OrganizationFactory.create(name="Existant (fictif)", neq="1170000003")
    text = HEADER + "".join(f"Groupe {n} (fictif),,,autre,,,,,,,\n" for n in range(20))
    text += "Existant (fictif),,1170000003,,,,,,,,\n"
    with django_assert_max_num_queries(500) as captured:
        report = run(staff, text)
    assert report.created == 20 and report.unchanged == 1
    searches = [q["sql"] for q in captured if " LIKE " in q["sql"] or "UPPER(" in q["sql"]]
    assert searches == []


# Territories by name, as people write them


@pytest.fixture
def namesakes(db):
    """Québec the province, the equivalent territory and the city; Portneuf the MRC and the town."""
    quebec_te = TerritoryFactory.create(
        type=TerritoryType.EQUIVALENT, code="2423", name="Québec", parent=region()
    )
    portneuf = mrc(code="2434", name="Portneuf")
    return {
        "province": province(),
        "te": quebec_te,
        "city": MunicipalityFactory.create(
            code="2423027", name="Québec", subtype="Ville", parent=quebec_te
        ),
        "portneuf": portneuf,
        "portneuf_town": MunicipalityFactory.create(
            code="2434078", name="Portneuf", subtype="Ville", parent=portneuf
        ),
        "orleans": mrc(code="2420", name="L'Île-d'Orléans"),
        "beaupre": mrc(code="2421", name="La Côte-de-Beaupré"),
    }


def territories_of(report, staff_name):
    return set(Organization.objects.get(name=staff_name).territories.all())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("L'Île-d'Orléans", "orleans"),
        ("l’ile d’orleans", "orleans"),
        ("ILE-D'ORLEANS", "orleans"),
        ("Côte-de-Beaupré", "beaupre"),
        ("la cote de beaupre", "beaupre"),
        ("2421", "beaupre"),
        ("Québec (ville)", "city"),
        ("Quebec (territoire équivalent)", "te"),
        ("Québec (province)", "province"),
        ("Portneuf (MRC)", "portneuf"),
    ],
)
def test_a_territory_is_found_by_its_name_as_people_write_it(staff, namesakes, written, expected):
    report = run(staff, HEADER + f"Groupe Nommé (fictif),,,communautaire,,{written},,,,,\n")
    assert not report.errors, [str(e) for e in report.errors]
    assert territories_of(report, "Groupe Nommé (fictif)") == {namesakes[expected]}


def test_an_ambiguous_territory_name_is_refused_with_its_candidates(staff, namesakes):
    report = run(staff, HEADER + "Groupe Ambigu (fictif),,,communautaire,,Québec,,,,,\n")
    assert not report.applied and not Organization.objects.exists()
    [error] = report.errors
    assert (error.line, error.column) == (2, "territories")
    for candidate in ("Québec (Ville, code 2423027)", "code 2423)", "code 24)"):
        assert candidate in error.message
    assert "Territoire équivalent" in error.message and "Province" in error.message
    unknown = run(staff, HEADER + "Groupe Perdu (fictif),,,communautaire,,Atlantide,,,,,\n")
    assert [str(e) for e in unknown.errors] == [
        "ligne 2, colonne « territories » : aucun territoire n’a le nom ou le code « Atlantide »."
    ]


def test_a_french_excel_file_imports(staff, namesakes):
    """Excel's French "CSV": semicolons, Windows-1252, territories by name, NEQ with spaces."""
    text = (
        "Nom;Sigle;NEQ;Secteurs;Palier;Territoires;Courriel\r\n"
        "Entraide de l'Île (fictif);EIF;1 234 567 890;communautaire;supralocal;"
        "L'Île-d'Orléans;info@entraide.example.org\r\n"
        "Cuisines de la Côte (fictif);;;communautaire;local;"
        '"Côte-de-Beaupré; Québec (ville)";\r\n'
    )
    report = run(staff, decode_csv(text.encode("cp1252")))
    assert report.applied and report.created == 2, [str(e) for e in report.errors]
    entraide = Organization.objects.get(neq="1234567890")
    assert entraide.name == "Entraide de l'Île (fictif)"
    assert list(entraide.territories.all()) == [namesakes["orleans"]]
    assert territories_of(report, "Cuisines de la Côte (fictif)") == {
        namesakes["beaupre"],
        namesakes["city"],
    }
