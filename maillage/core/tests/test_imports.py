from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from maillage.core import imports
from maillage.core.forms import ImportUploadForm
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.tests.importers import WORDS


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


def test_a_row_error_names_its_line_and_column():
    assert str(imports.RowError(4, "neq", "invalide.")) == "ligne 4, colonne « neq » : invalide."
    assert str(imports.RowError(4, "", "trop de cellules.")) == "ligne 4 : trop de cellules."
    assert imports.RowError(4, "neq", "x").as_json() == {"line": 4, "column": "neq", "message": "x"}


@pytest.mark.django_db
def test_only_the_importers_permission_may_import(words):
    assert imports.may_import(user_with_role(Role.STAFF), words.key)
    assert not imports.may_import(user_with_role(Role.MEMBER), words.key)
    assert not imports.may_import(AnonymousUser(), words.key)
    assert not imports.may_import(user_with_role(Role.STAFF), "unknown.kind")


def upload_form(content: bytes, name: str = "mots.csv") -> ImportUploadForm:
    return ImportUploadForm(
        {"kind": WORDS.key},
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        importers=[WORDS],
    )


def test_the_upload_form_reads_the_file_and_counts_its_rows():
    form = upload_form(b"word\nun\ndeux\n")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "word\nun\ndeux\n"
    assert form.cleaned_data["rows"] == 2


def test_the_row_limit_refuses_a_longer_file_at_its_field(settings):
    settings.MAILLAGE_IMPORT_MAX_ROWS = 2
    form = upload_form(b"word\nun\ndeux\ntrois\n")
    assert not form.is_valid()
    assert form.errors["file"] == [
        "Ce fichier compte 3 lignes; une importation en prend au plus 2. "
        "Divisez-le en plusieurs fichiers."
    ]
    assert "text" not in form.cleaned_data


def test_the_row_limit_speaks_the_persons_language(settings):
    settings.MAILLAGE_IMPORT_MAX_ROWS = 20_000
    with translation.override("en"):
        form = upload_form(b"word\n" + b"x\n" * 20_001)
        assert not form.is_valid()
        assert form.errors["file"] == [
            "This file has 20,001 rows; an import takes at most 20,000. "
            "Split it into several files."
        ]


@pytest.mark.parametrize(
    ("content", "name", "found"),
    [
        (b"word\nun\n", "mots.xlsx", ".csv"),
        (b"mot\nun\n", "mots.csv", "word"),
        (b"word\n", "mots.csv", "aucune ligne"),
    ],
)
def test_what_is_wrong_with_the_file_shows_at_its_field(content, name, found):
    form = upload_form(content, name)
    assert not form.is_valid()
    assert found in " ".join(form.errors["file"])
