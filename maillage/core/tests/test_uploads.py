"""An uploaded file's kind is read from its content, its size checked, its name made safe; a stored
file is sent back as an attachment through its storage."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from maillage.core.uploads import (
    DOCUMENT_KINDS,
    check_upload,
    download_response,
    extension_of,
    private_storage,
    safe_filename,
)

LIMIT = 1024 * 1024


def zipped(entries: dict[str, bytes], *, first: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first, entries.pop(first), compress_type=zipfile.ZIP_STORED)
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(folder: str) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", f"{folder}/document.xml": b"<doc/>"})


def odf(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return zipped({"mimetype": mimetype, "content.xml": b"<doc/>"}, first="mimetype")


GOOD = {
    "rapport.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    "carte.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    "photo.JPG": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
    "compte-rendu.docx": ooxml("word"),
    "budget.xlsx": ooxml("xl"),
    "présentation.pptx": ooxml("ppt"),
    "procès-verbal.odt": odf("text"),
    "tableau.ods": odf("spreadsheet"),
    "diapos.odp": odf("presentation"),
    "liste.csv": "nom;municipalité\nCafé;Baie-Saint-Paul\n".encode(),
    "liste-excel.csv": "nom;municipalité\nCafé;Île-d'Orléans\n".encode("cp1252"),
    "notes.txt": "Réunion du 1er août.\n".encode(),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_accepted_kind_is_recognized_by_its_content(name):
    upload = SimpleUploadedFile(name, GOOD[name], content_type="application/octet-stream")
    kind = check_upload(upload, max_bytes=LIMIT)
    assert extension_of(name) in kind.extensions
    assert upload.tell() == 0  # left at its start, ready to be stored


BAD = {
    # name, content, what is said
    "programme.exe": (b"MZ\x90\x00", "Ce type de fichier n’est pas accepté"),
    "sans-extension": (b"%PDF-1.7\n", "Ce type de fichier n’est pas accepté"),
    "faux.pdf": (b"MZ\x90\x00 not a pdf", "n’est pas celui d’un fichier « .pdf »"),
    "image.pdf": (GOOD["carte.png"], "n’est pas celui d’un fichier « .pdf »"),
    "archive.docx": (zipped({"autre.txt": b"x"}), "n’est pas celui d’un fichier « .docx »"),
    "tableur.docx": (ooxml("xl"), "n’est pas celui d’un fichier « .docx »"),
    "texte.ods": (odf("text"), "n’est pas celui d’un fichier « .ods »"),
    "binaire.csv": (b"a;b\n\x00\x01\x02", "n’est pas celui d’un fichier « .csv »"),
    "zip-casse.xlsx": (b"PK\x03\x04 broken", "n’est pas celui d’un fichier « .xlsx »"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_type_not_accepted_or_a_disguised_file_is_refused_in_french(name):
    content, said = BAD[name]
    with translation.override("fr-ca"), pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content), max_bytes=LIMIT)
    assert said in refused.value.messages[0]


def test_an_empty_or_too_large_file_is_refused_with_the_limit():
    with translation.override("fr-ca"):
        with pytest.raises(ValidationError) as empty:
            check_upload(SimpleUploadedFile("vide.pdf", b""), max_bytes=LIMIT)
        with pytest.raises(ValidationError) as large:
            check_upload(SimpleUploadedFile("gros.pdf", b"%PDF-" + b"x" * 2048), max_bytes=1024)
    assert empty.value.code == "empty"
    assert "vide" in empty.value.messages[0]
    assert large.value.code == "too_large"
    assert "trop volumineux" in large.value.messages[0]
    assert "1,0\xa0Kio" in large.value.messages[0] or "1,0 Kio" in large.value.messages[0]


def test_a_long_text_file_cut_inside_a_character_is_still_text():
    # 64 KB of "é" (two bytes each) then more: the sample ends inside a character.
    upload = SimpleUploadedFile("long.txt", ("a" + "é" * 40_000).encode())
    assert check_upload(upload, max_bytes=LIMIT).key == "txt"


def test_every_kind_has_an_extension_and_a_content_type():
    assert all(kind.extensions and kind.content_type for kind in DOCUMENT_KINDS)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Procès-verbal du 1er août.PDF", "Procès-verbal du 1er août.pdf"),
        ("C:\\Users\\moi\\rapport final.pdf", "rapport final.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ('bad"name<>|:*?.pdf', "bad name.pdf"),
        ("retour\r\nligne.pdf", "retour ligne.pdf"),
        ("...", "document.pdf"),
        ("photo.jpeg", "photo.jpeg"),
        ("sans extension", "sans extension.pdf"),
    ],
)
def test_the_download_name_is_safe(name, expected):
    pdf = DOCUMENT_KINDS[0]
    jpeg = next(kind for kind in DOCUMENT_KINDS if kind.key == "jpeg")
    kind = jpeg if name.endswith("jpeg") else pdf
    with translation.override("fr-ca"):
        assert safe_filename(name, kind) == expected


def test_a_stored_file_is_sent_as_an_attachment_from_any_storage():
    storage = InMemoryStorage()
    name = storage.save("chantiers/1/documents/abc/rapport.pdf", ContentFile(GOOD["rapport.pdf"]))
    with storage.open(name) as stored:
        response = download_response(
            stored, filename="Procès-verbal.pdf", content_type="application/pdf"
        )
        body = b"".join(response.streaming_content)
    assert body == GOOD["rapport.pdf"]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Proc%C3%A8s-verbal.pdf"
    )
    assert "no-store" in response["Cache-Control"]


def test_the_private_storage_follows_the_setting(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    name = private_storage().save("a.txt", ContentFile(b"secret"))
    assert private_storage().exists(name)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "elsewhere")},
        },
    }
    assert not private_storage().exists(name)
    private_storage().save("b.txt", ContentFile(b"x"))
    assert (tmp_path / "elsewhere" / "b.txt").read_bytes() == b"x"
