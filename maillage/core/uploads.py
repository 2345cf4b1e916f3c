"""Uploaded files that people share (documents, attachments): what a file is, and serving it back.

A file's type is read from its first bytes (its signature), never from the name or the type the
browser claims: the name's extension must be one that is accepted, and the content must be what
that extension says. Its size is checked against a limit. Files are stored and read through
Django's storage API only, in the storage `STORAGES["private"]` (`private_storage`), never through
a local path, so that a deployment may keep them in S3-compatible storage; no URL serves that
storage: a view checks the permission, then sends the file (`download_response`).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

# Bytes read to recognize a text file: enough to judge, small enough for any file.
TEXT_SAMPLE = 64 * 1024

PRIVATE = "private"  # the alias, in STORAGES, of the storage of private files


class _PrivateStorage(LazyObject[Storage]):
    """`STORAGES["private"]`, looked up when first used (and again after the setting changes)."""

    _wrapped: Any  # the storage, or `empty` until it is looked up

    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE]


_private = _PrivateStorage()


def private_storage() -> Storage:
    """The storage of files only their permission-checked views send (a `FileField`'s
    `storage=`: the field names this function, so that migrations do not freeze a backend)."""
    return _private  # type: ignore[return-value]


@receiver(setting_changed)
def _storages_changed(*, setting: str, **_kwargs: object) -> None:
    # Django forgets its storages when STORAGES changes (tests); this one follows.
    if setting == "STORAGES":
        _private._wrapped = empty


@dataclass(frozen=True)
class FileKind:
    """A kind of file accepted: its extensions (lower case, without the dot), the content type it
    is served with, and the check of its content (`matches(upload, head)`, `head` its first
    bytes; a zip archive's directory is read from `upload`)."""

    key: str
    extensions: tuple[str, ...]
    content_type: str
    matches: Callable[[IO[bytes], bytes], bool]


def _starts(signature: bytes) -> Callable[[IO[bytes], bytes], bool]:
    return lambda _upload, head: head.startswith(signature)


def _ooxml(folder: str) -> Callable[[IO[bytes], bytes], bool]:
    """An Office Open XML file: a zip archive with its content types and its main folder."""

    def matches(upload: IO[bytes], head: bytes) -> bool:
        names = _zip_names(upload, head)
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return matches


def _odf(mimetype: str) -> Callable[[IO[bytes], bytes], bool]:
    """An OpenDocument file: a zip archive whose `mimetype` entry names its type."""

    def matches(upload: IO[bytes], head: bytes) -> bool:
        if "mimetype" not in _zip_names(upload, head):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive, archive.open("mimetype") as entry:
                # A few bytes at most: an entry claiming to be huge is not read.
                return entry.read(len(mimetype) + 1) == mimetype.encode("ascii")
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
            return False

    return matches


def _zip_names(upload: IO[bytes], head: bytes) -> set[str]:
    """The names in a zip archive's directory (none when it is not one); its entries are not
    decompressed."""
    if not head.startswith(b"PK\x03\x04"):
        return set()
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return set()


def _text(_upload: IO[bytes], head: bytes) -> bool:
    """Plain text (CSV or TXT): no NUL byte, and UTF-8 or Windows-1252 (what Excel writes)."""
    if b"\x00" in head:
        return False
    # A sample of a longer file may end inside a UTF-8 character: its last bytes may be cut.
    sample = head[:-3] if len(head) >= TEXT_SAMPLE else head
    for encoding in ("utf-8", "cp1252"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


OPENDOCUMENT = "application/vnd.oasis.opendocument"
OPENXML = "application/vnd.openxmlformats-officedocument"

# What people share in a workstream: documents, spreadsheets, presentations, images, text.
DOCUMENT_KINDS: tuple[FileKind, ...] = (
    FileKind("pdf", ("pdf",), "application/pdf", _starts(b"%PDF-")),
    FileKind("docx", ("docx",), f"{OPENXML}.wordprocessingml.document", _ooxml("word/")),
    FileKind("xlsx", ("xlsx",), f"{OPENXML}.spreadsheetml.sheet", _ooxml("xl/")),
    FileKind("pptx", ("pptx",), f"{OPENXML}.presentationml.presentation", _ooxml("ppt/")),
    FileKind("odt", ("odt",), f"{OPENDOCUMENT}.text", _odf(f"{OPENDOCUMENT}.text")),
    FileKind("ods", ("ods",), f"{OPENDOCUMENT}.spreadsheet", _odf(f"{OPENDOCUMENT}.spreadsheet")),
    FileKind("odp", ("odp",), f"{OPENDOCUMENT}.presentation", _odf(f"{OPENDOCUMENT}.presentation")),
    FileKind("png", ("png",), "image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    FileKind("jpeg", ("jpg", "jpeg"), "image/jpeg", _starts(b"\xff\xd8\xff")),
    FileKind("csv", ("csv",), "text/csv", _text),
    FileKind("txt", ("txt",), "text/plain", _text),
)


def extensions(kinds: Sequence[FileKind] = DOCUMENT_KINDS) -> list[str]:
    """Every extension accepted, in the order of `kinds` (for help texts and `accept`)."""
    return [extension for kind in kinds for extension in kind.extensions]


def extension_of(name: str) -> str:
    """A file name's extension, lower case, without the dot ("" when it has none)."""
    base = re.split(r"[\\/]", name)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else ""


def check_upload(
    upload: File[Any], *, max_bytes: int, kinds: Sequence[FileKind] = DOCUMENT_KINDS
) -> FileKind:
    """The kind of an uploaded file, or a `ValidationError` saying, in the person's language, what
    is wrong: empty, too large, a type not accepted, or content that is not what its extension
    says. The file is left at its start."""
    size = upload.size or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    extension = extension_of(upload.name or "")
    kind = next((k for k in kinds if extension in k.extensions), None)
    if kind is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(extensions)s.")
            % {"extensions": ", ".join(f".{e}" for e in extensions(kinds))},
            code="type",
        )
    upload.seek(0)
    head = upload.read(TEXT_SAMPLE)
    try:
        matches = kind.matches(upload, head)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "The content of this file is not that of a “.%(extension)s” file: it may be "
                "damaged, or renamed from another type."
            )
            % {"extension": extension},
            code="content",
        )
    return kind


# Characters no file name should carry: path separators, what Windows forbids, controls.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_filename(name: str, kind: FileKind) -> str:
    """The name a file is downloaded under: its own name without any folder, control or
    forbidden character, at most 150 characters, ending with its kind's extension; accents are
    kept (the download header encodes them)."""
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", name)[-1])
    stem = base.rsplit(".", 1)[0] if extension_of(base) else base
    stem = " ".join(_UNSAFE.sub(" ", stem).split()).strip(". ")[:140]
    extension = extension_of(base)
    if extension not in kind.extensions:
        extension = kind.extensions[0]
    return f"{stem or _('document')}.{extension}"


def download_response(file: File[Any], *, filename: str, content_type: str) -> FileResponse:
    """A stored file, sent as an attachment under `filename` (`Content-Disposition`, the name
    encoded when it is not ASCII), never cached: only a view that checked the permission calls
    it. `file` is opened through its storage, wherever that keeps it."""
    file.open("rb")
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    add_never_cache_headers(response)
    return response


def delete_on_commit(storage: Storage, names: Sequence[str]) -> None:
    """Delete these files from `storage` once the current transaction commits: a rollback keeps
    the records and their files together."""
    from django.db import transaction

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
