"""A workstream's workspace: announcements told to its members, documents shared with their
versions. Every event lives in the workstream's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.services import notify
from maillage.core.uploads import FileKind, check_upload, extension_of, safe_filename
from maillage.core.versions import lock
from maillage.governance.models import Announcement, Document, DocumentVersion, Workstream
from maillage.governance.paths import page_url
from maillage.governance.services._common import _now, _refuse_archived, _require, _user
from maillage.governance.verbs import GovernanceVerb


@dataclass
class AnnouncementData:
    title: str
    text: str
    pinned: bool = False


@dataclass
class DocumentData:
    title: str
    description: str = ""


def _event(
    actor: Actor, verb: GovernanceVerb, item: Announcement | Document, **details: Any
) -> None:
    """An announcement's or a document's event lives in its workstream's history, naming it."""
    key = "announcement" if isinstance(item, Announcement) else "document"
    audit.record(actor=actor, verb=verb, target=item.workstream, payload={key: item.pk} | details)


def _refuse_closed(workstream: Workstream) -> None:
    _refuse_archived(workstream, _("This workstream is archived."))


# Announcements


def _announcement_fill(announcement: Announcement, data: AnnouncementData) -> None:
    announcement.title = data.title.strip()
    announcement.text = data.text.strip()
    announcement.pinned = data.pinned
    errors = {}
    if not announcement.title:
        errors["title"] = _("Give the announcement a title.")
    if not announcement.text:
        errors["text"] = _("Write the announcement.")
    if errors:
        raise ValidationError(errors)
    announcement.full_clean()


def _announcement_snapshot(announcement: Announcement) -> dict[str, Any]:
    return {
        "title": announcement.title,
        "text": announcement.text,
        "pinned": announcement.pinned,
    }


@transaction.atomic
def announcement_post(
    *, actor: Actor, workstream: Workstream, data: AnnouncementData
) -> Announcement:
    """Post an announcement (staff or the workstream's lead link); every other member with an
    account is told, in the platform and by e-mail."""
    _require(actor, "governance.post_announcement", workstream)
    _refuse_closed(workstream)
    announcement = Announcement(workstream=workstream, author=_user(actor))
    _announcement_fill(announcement, data)
    announcement.save()
    _event(
        actor,
        GovernanceVerb.WORKSTREAM_ANNOUNCEMENT_POSTED,
        announcement,
        title=announcement.title,
        pinned=announcement.pinned,
    )
    _tell_members(announcement, author=_user(actor))
    return announcement


@transaction.atomic
def announcement_amend(
    *,
    actor: Actor,
    announcement: Announcement,
    data: AnnouncementData,
    version: str | None = None,
) -> Announcement:
    """Correct an announcement or pin it; nobody is told again. Refused when it changed since
    `version`."""
    _require(actor, "governance.post_announcement", announcement.workstream)
    lock(announcement, version=version)
    _refuse_closed(announcement.workstream)
    before = _announcement_snapshot(announcement)
    _announcement_fill(announcement, data)
    announcement.save()
    found = audit.changes(before, _announcement_snapshot(announcement))
    if found:
        _event(actor, GovernanceVerb.WORKSTREAM_ANNOUNCEMENT_AMENDED, announcement, **found)
    return announcement


@transaction.atomic
def announcement_remove(*, actor: Actor, announcement: Announcement) -> None:
    """Remove an announcement; the history keeps its title."""
    _require(actor, "governance.post_announcement", announcement.workstream)
    _event(
        actor,
        GovernanceVerb.WORKSTREAM_ANNOUNCEMENT_REMOVED,
        announcement,
        title=announcement.title,
    )
    announcement.delete()


def _tell_members(announcement: Announcement, *, author: User | None) -> None:
    """The workstream's current members with an active account, its author aside."""
    workstream = announcement.workstream
    accounts = User.objects.filter(
        is_active=True,
        person__memberships__workstream=workstream,
        person__memberships__ended_at__isnull=True,
    )
    if author is not None:
        accounts = accounts.exclude(pk=author.pk)
    url = page_url("workspace", slug=workstream.slug)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(workstream)s: %(title)s") % {
            "workstream": workstream.name,
            "title": announcement.title,
        }
        body = Truncator(announcement.text).chars(600)
        for account in accounts.distinct().order_by("pk"):
            notify(recipient=account, subject=subject, body=body, url=url)


# Documents


def _checked(upload: File[Any]) -> FileKind:
    """The kind of an uploaded file, or its refusal at the form's file field."""
    try:
        return check_upload(upload, max_bytes=settings.MAILLAGE_DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _store(
    *, actor: Actor, document: Document, upload: File[Any], kind: FileKind, number: int, note: str
) -> DocumentVersion:
    """Store the file through the storage API and record it as version `number`."""
    version = DocumentVersion(
        document=document,
        number=number,
        filename=safe_filename(upload.name or "", kind),
        content_type=kind.content_type,
        size=upload.size or 0,
        note=note.strip(),
        uploaded_by=_user(actor),
    )
    version.file.save(version.filename, upload, save=False)
    try:
        version.full_clean()
        version.save()
    except Exception:
        # The row is refused: the stored file would be nobody's.
        version.file.delete(save=False)
        raise
    document.current = version
    document.save(update_fields=["current", "updated_at"])
    return version


def _document_title(data: DocumentData, upload: File[Any]) -> str:
    """The title typed, else the file's name without its extension."""
    title = data.title.strip()
    if title:
        return title
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return (name.rsplit(".", 1)[0] if extension_of(name) else name).strip()[:200]


@transaction.atomic
def document_add(
    *, actor: Actor, workstream: Workstream, data: DocumentData, upload: File[Any]
) -> Document:
    """Share a document in a workstream (its members and staff): its first version. The file's
    type is read from its content and its size checked; a refusal names the file field."""
    _require(actor, "governance.share_documents", workstream)
    _refuse_closed(workstream)
    kind = _checked(upload)
    document = Document(
        workstream=workstream,
        title=_document_title(data, upload),
        description=data.description.strip(),
        created_by=_user(actor),
    )
    if not document.title:
        raise ValidationError({"title": _("Give the document a title.")})
    document.full_clean(exclude=["current"])
    document.save()
    version = _store(actor=actor, document=document, upload=upload, kind=kind, number=1, note="")
    _event(
        actor,
        GovernanceVerb.WORKSTREAM_DOCUMENT_ADDED,
        document,
        title=document.title,
        version=version.number,
        filename=version.filename,
    )
    return document


@transaction.atomic
def document_version_add(
    *, actor: Actor, document: Document, upload: File[Any], note: str = ""
) -> DocumentVersion:
    """A new version of a document; the earlier ones are kept, each with who sent it and when."""
    _require(actor, "governance.share_documents", document.workstream)
    lock(document)  # versions are numbered: one at a time
    _refuse_closed(document.workstream)
    if document.is_archived:
        raise ValidationError(_("This document is archived."))
    kind = _checked(upload)
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = _store(
        actor=actor, document=document, upload=upload, kind=kind, number=last + 1, note=note
    )
    _event(
        actor,
        GovernanceVerb.WORKSTREAM_DOCUMENT_VERSION_ADDED,
        document,
        title=document.title,
        version=version.number,
        filename=version.filename,
    )
    return version


@transaction.atomic
def document_archive(*, actor: Actor, document: Document) -> Document:
    """Take a document out of the workspace's list (staff, the lead link or who shared it); its
    versions and files are kept."""
    _require(actor, "governance.archive_document", document)
    lock(document)
    if document.is_archived:
        raise ValidationError(_("This document is already archived."))
    return audit.audited_set(
        actor=actor,
        instance=document,
        verb=GovernanceVerb.WORKSTREAM_DOCUMENT_ARCHIVED,
        values={"archived_at": _now(), "archived_by": _user(actor)},
        payload={"document": document.pk, "title": document.title},
        target=document.workstream,
    )
