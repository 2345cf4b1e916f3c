"""A large import is checked in the background, by its task, while the rest of the platform keeps
answering: the check holds no transaction over the rows and writes its progress in short ones."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from maillage.core import imports
from maillage.core.models import ImportJob
from maillage.core.roles import Role
from maillage.core.tasks import check_import
from maillage.core.tests.factories import PASSWORD, user_with_role
from maillage.network.models import Organization, Person, Sector

# Threads need their writes committed, so the test runs outside a test transaction. Not with a
# serialized rollback: after another transactional test, the flush's post_migrate has recreated
# rows (groups) under new ids, which the restore would collide with. The sector the file names is
# made here, since an earlier flush may have emptied the seeded ones.
pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 100_000
HEADER = "name,acronym,neq,sectors,level,territories,website,email,phone,status,description\n"
# The bad rows planted in the file: line (the header is line 1) and column.
BAD = {1_235: "neq", 77_778: "sectors", ROWS + 1: "email"}


def large_file() -> bytes:
    lines = [HEADER]
    for line in range(2, ROWS + 2):
        column = BAD.get(line)
        neq = "123" if column == "neq" else ""
        sector = "inconnu" if column == "sectors" else "autre"
        email = "pas-un-courriel" if column == "email" else ""
        lines.append(f"Groupe {line} (fictif),,{neq},{sector},,,,{email},,,\n")
    return "".join(lines).encode()


def test_a_large_import_is_checked_in_the_background_while_others_write_and_log_in(
    settings, monkeypatch
):
    settings.MAILLAGE_IMPORT_MAX_ROWS = 150_000
    Sector.objects.get_or_create(key="autre", defaults={"name_fr": "Autre", "name_en": "Other"})
    # The upload only enqueues the check; this test runs it in a thread, as a worker would.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    uploader, writer, member = (user_with_role(r) for r in (Role.STAFF, Role.STAFF, Role.MEMBER))
    staff = Client()
    staff.force_login(uploader)
    content = large_file()
    assert len(content) < settings.MAILLAGE_MAX_UPLOAD_BYTES
    response = staff.post(
        reverse("network:import"),
        {
            "kind": "network.organizations",
            "file": SimpleUploadedFile("grand.csv", content, content_type="text/csv"),
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.state, job.total_rows) == ("uploaded", ROWS)
    report = reverse("core:import_job", kwargs={"pk": job.pk})

    # The check stops half-way until the other accounts have been served.
    halfway, resume = threading.Event(), threading.Event()
    importer = imports.importer_for(job.kind)
    assert importer is not None

    def checker():
        check = importer.checker()

        def check_pausing(row):
            if row.line == ROWS // 2:
                halfway.set()
                resume.wait(timeout=300)
            return check(row)

        return check_pausing

    monkeypatch.setitem(
        imports._IMPORTERS, importer.key, dataclasses.replace(importer, checker=checker)
    )
    outcome: dict[str, str] = {}

    def work() -> None:
        try:
            outcome["state"] = check_import.call(job.pk)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    try:
        assert halfway.wait(timeout=300)
        # The check is under way, and its progress is committed: other connections see it.
        job.refresh_from_db()
        assert job.state == "checking"
        assert 0 < job.checked_rows < ROWS
        # Another account writes.
        other = Client()
        other.force_login(writer)
        created = other.post(
            reverse("network:person_create"), {"first_name": "Pendant", "last_name": "L’import"}
        )
        assert created.status_code == 302
        assert Person.objects.filter(first_name="Pendant").exists()
        # Someone logs in (a write too: the session, the last login).
        login = Client().post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}
        )
        assert login.status_code == 302
        assert "/comptes/login/" not in login.url
        # The uploader follows the progress; the page keeps asking.
        progress = staff.get(report, headers={"HX-Request": "true"})
        assert progress.status_code == 200
        assert "hx-trigger" in progress.text
        job.refresh_from_db()
        assert job.state == "checking"  # all of this before the check has finished
    finally:
        resume.set()
        worker.join(timeout=300)
    assert outcome["state"] == "invalid"
    job.refresh_from_db()
    assert (job.checked_rows, job.error_count) == (ROWS, len(BAD))
    assert [(e["line"], e["column"]) for e in job.errors] == sorted(BAD.items())
    assert not Organization.objects.exists()  # checking applies nothing
    page = staff.get(report).text
    for line, column in BAD.items():
        assert f'<td class="num">{line}</td>' in page
        assert f"<code>{column}</code>" in page
