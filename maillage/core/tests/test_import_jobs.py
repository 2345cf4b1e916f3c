"""The import kernel's jobs: checked by a task without applying anything, confirmed by their
uploader, applied by a task all or nothing, followed on a report page."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from maillage.core import imports, services
from maillage.core.models import AuditEvent, ImportJob, Notification
from maillage.core.roles import Role
from maillage.core.services import imports as import_services
from maillage.core.tasks import apply_import, check_import
from maillage.core.tests.factories import user_with_role
from maillage.core.tests.importers import KEY, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader(words):
    return user_with_role(Role.STAFF)


@pytest.fixture
def upload(uploader, django_capture_on_commit_callbacks):
    """Factory: a job for `text`, uploaded by `uploader` and checked by its task."""

    def make(text: str, language: str = "fr-ca") -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_job_create(
                actor=uploader,
                kind=KEY,
                file_name="mots.csv",
                text=text,
                total_rows=len(parse(text)),
                language=language,
            )
        job.refresh_from_db()
        return job

    return make


@pytest.fixture
def confirm(uploader, django_capture_on_commit_callbacks):
    def make(job: ImportJob) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            services.import_job_confirm(actor=uploader, job=job)
        job.refresh_from_db()
        return job

    return make


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


def test_an_uploaded_file_is_checked_by_a_task_and_nothing_is_applied(upload, uploader):
    job = upload("word\nun\ndeux\n")
    assert job.state == "checked"
    assert (job.total_rows, job.checked_rows, job.error_count) == (2, 2, 0)
    assert job.checked_at is not None
    assert job.text == "word\nun\ndeux\n"  # kept for the confirmation
    assert not Notification.objects.exists()
    assert verbs() == ["import.uploaded", "import.checked"]
    assert AuditEvent.objects.get(verb="import.uploaded").actor == uploader


def test_a_file_with_errors_is_refused_with_its_rows_and_columns(upload):
    job = upload("word\nun\nbad\ntrois\nbad\n")
    assert job.state == "invalid"
    assert job.error_count == 2
    assert job.errors == [
        {"line": 3, "column": "word", "message": "bad word"},
        {"line": 5, "column": "word", "message": "bad word"},
    ]
    assert job.text == ""  # a refused file is never imported: its content goes
    assert not Notification.objects.exists()
    assert verbs()[-1] == "import.refused"


def test_only_the_first_errors_are_kept_and_all_are_counted(upload):
    job = upload("word\n" + "bad\n" * (services.ERRORS_KEPT + 50))
    assert job.error_count == services.ERRORS_KEPT + 50
    assert len(job.errors) == services.ERRORS_KEPT


def test_the_check_writes_its_progress_and_holds_no_transaction_over_the_rows(
    upload, words, monkeypatch
):
    """Each row is checked outside any transaction of the check; the progress is written every
    PROGRESS_EVERY rows, in a short transaction of its own."""
    monkeypatch.setattr(import_services, "PROGRESS_EVERY", 2)
    outside = len(connection.savepoint_ids)
    seen: list[tuple[int, int]] = []

    def checker():
        check_word = words.checker()

        def check(row):
            progress = ImportJob.objects.values_list("checked_rows", flat=True).get()
            seen.append((progress, len(connection.savepoint_ids) - outside))
            return check_word(row)

        return check

    monkeypatch.setitem(imports._IMPORTERS, KEY, dataclasses.replace(words, checker=checker))
    job = upload("word\n" + "mot\n" * 5)
    assert job.state == "checked"
    assert seen == [(0, 0), (0, 0), (2, 0), (2, 0), (4, 0)]


def test_confirming_applies_every_row_in_a_task(upload, confirm, uploader):
    job = confirm(upload("word\nun\ndeux\n"))
    assert job.state == "applied"
    assert (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 0)
    assert job.finished_at is not None
    assert job.text == ""  # imported: the data now lives in its records
    assert sorted(Notification.objects.values_list("subject", flat=True)) == ["deux", "un"]
    assert verbs()[-2:] == ["import.confirmed", "import.applied"]
    assert AuditEvent.objects.get(verb="import.confirmed").actor == uploader


def test_a_refused_application_rolls_every_row_back(upload, confirm):
    job = upload("word\nun\nlate\ntrois\n")
    assert job.state == "checked"
    job = confirm(job)
    assert job.state == "failed"
    assert job.errors == [{"line": 3, "column": "word", "message": "refused when applied"}]
    assert not Notification.objects.exists()  # "un" was written, then rolled back
    assert verbs()[-1] == "import.failed"


def test_only_the_uploader_confirms_and_only_once(upload, confirm):
    job = upload("word\nun\n")
    with pytest.raises(PermissionDenied):
        services.import_job_confirm(actor=user_with_role(Role.STAFF), job=job)
    confirm(job)
    with pytest.raises(ValidationError):
        confirm(job)
    assert Notification.objects.count() == 1


def test_a_refused_file_cannot_be_confirmed(upload, confirm):
    job = upload("word\nbad\n")
    with pytest.raises(ValidationError):
        confirm(job)
    assert ImportJob.objects.get().state == "invalid"


def test_the_uploaders_permission_is_checked_again_when_applying(upload, uploader):
    job = upload("word\nun\n")
    services.import_job_confirm(actor=uploader, job=job)  # its task waits for the commit
    uploader.role = Role.MEMBER
    uploader.save()
    assert apply_import.enqueue(job.pk).return_value == "failed"
    job.refresh_from_db()
    assert "équipe de coordination" in job.errors[0]["message"]
    assert not Notification.objects.exists()


def test_a_fault_stops_the_job_in_the_uploaders_language(upload, caplog):
    with caplog.at_level(logging.ERROR, logger="maillage.core.tasks"):
        job = upload("word\nun\nboom\n", language="en")
    assert job.state == "failed"
    assert job.errors[0]["message"] == (
        "An unexpected error stopped this import; nothing was imported."
    )
    assert "RuntimeError" in caplog.text


def test_a_task_run_twice_does_the_work_once(upload):
    job = upload("word\nun\n")
    assert check_import.enqueue(job.pk).return_value == ""
    assert apply_import.enqueue(job.pk).return_value == ""
    assert ImportJob.objects.get().state == "checked"
    assert verbs().count("import.checked") == 1


def test_an_unknown_kind_or_an_account_without_the_permission_is_refused(uploader):
    with pytest.raises(ValidationError):
        services.import_job_create(
            actor=uploader, kind="nope", file_name="x.csv", text="", total_rows=0, language="fr"
        )
    with pytest.raises(PermissionDenied):
        services.import_job_create(
            actor=user_with_role(Role.MEMBER),
            kind=KEY,
            file_name="x.csv",
            text="word\nun\n",
            total_rows=1,
            language="fr",
        )
    assert not ImportJob.objects.exists()


# The report page


def page_of(job: ImportJob) -> str:
    return reverse("core:import_job", kwargs={"pk": job.pk})


def test_the_report_is_shown_to_its_uploader_only(upload, uploader, client, client_as):
    job = upload("word\nun\n")
    client.force_login(uploader)
    response = client.get(page_of(job))
    assert response.status_code == 200
    assert "Aucune erreur" in response.text
    assert reverse("core:import_job_confirm", kwargs={"pk": job.pk}) in response.text
    assert client_as(Role.STAFF).get(page_of(job)).status_code == 403
    assert client_as(Role.ADMIN).get(page_of(job)).status_code == 403
    anonymous = client_as("anonymous").get(page_of(job))
    assert anonymous.status_code == 302 and "/comptes/login/" in anonymous.url


def test_while_a_task_works_the_report_asks_again_by_itself_or_with_a_link(
    upload, uploader, client
):
    job = upload("word\n" + "mot\n" * 2000)
    ImportJob.objects.filter(pk=job.pk).update(state="checking", checked_rows=500)
    client.force_login(uploader)
    page = client.get(page_of(job))
    assert 'hx-trigger="every 2s"' in page.text
    assert f'hx-get="{page_of(job)}"' in page.text
    assert f'<a href="{page_of(job)}">Actualiser</a>' in page.text
    assert 'max="2000" value="500"' in page.text
    assert "500 lignes vérifiées sur 2" in page.text
    assert "<html" in page.text and '<meta http-equiv="refresh"' not in page.text
    fragment = client.get(page_of(job), headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<section id="import-report"')
    assert "<html" not in fragment.text and "<h1" not in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]
    # Once checked, the fragment no longer asks again.
    ImportJob.objects.filter(pk=job.pk).update(state="checked", checked_rows=2000)
    done = client.get(page_of(job), headers={"HX-Request": "true"})
    assert "hx-trigger" not in done.text
    assert "Confirmer l’importation" in done.text


def test_the_confirmation_applies_and_the_page_shows_the_outcome(
    upload, uploader, client, django_capture_on_commit_callbacks
):
    job = upload("word\nun\ndeux\n")
    client.force_login(uploader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:import_job_confirm", kwargs={"pk": job.pk}))
    assert response.status_code == 302 and response.url == page_of(job)
    page = client.get(page_of(job))
    assert "2 créé(s), 0 mis à jour, 0 inchangé(s)." in page.text
    assert Notification.objects.count() == 2


def test_someone_else_cannot_confirm_a_job(upload, client_as):
    job = upload("word\nun\n")
    url = reverse("core:import_job_confirm", kwargs={"pk": job.pk})
    assert client_as(Role.STAFF).post(url).status_code == 403
    assert client_as(Role.STAFF).get(url).status_code == 405
    assert ImportJob.objects.get().state == "checked"
    assert not Notification.objects.exists()


def test_the_errors_are_listed_by_line_and_column(upload, uploader, client):
    job = upload("word\nun\nbad\n")
    client.force_login(uploader)
    page = client.get(page_of(job)).text
    assert "1 erreur : rien ne sera importé" in page
    assert '<td class="num">3</td>' in page and "<code>word</code>" in page
    assert "bad word" in page


def test_the_report_query_count_does_not_grow_with_the_errors(
    upload, uploader, client, query_budget
):
    few = upload("word\n" + "bad\n" * 3)
    many = upload("word\n" + "bad\n" * 5000)
    client.force_login(uploader)
    meter = query_budget(12)
    assert meter.get(client, page_of(few)) == meter.get(client, page_of(many))
    assert "Les 200 premières erreurs sur 5" in client.get(page_of(many)).text
