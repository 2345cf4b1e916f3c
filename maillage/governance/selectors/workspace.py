"""A workstream's workspace: its announcements, documents, deliverables and members' contacts,
for its members and coordination staff only. Each read runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.governance.models import (
    Announcement,
    Deliverable,
    Document,
    DocumentVersion,
    Workstream,
)
from maillage.governance.selectors.memberships import MemberRow, _member_rows, _open_memberships


@dataclass(frozen=True)
class Workspace:
    """The workstream whose workspace it is, and what the viewer may do in it."""

    workstream: Workstream
    can_post: bool  # announcements
    can_share: bool  # documents
    can_change: bool  # deliverables: add, amend, remove


def workspace_of(*, viewer: Viewer, workstream: Workstream) -> Workspace | None:
    """None for a viewer the workspace is not open to (a partner member outside the workstream:
    its members' contact details are not theirs to read)."""
    if not has_perm(viewer, "governance.view_workspace", workstream):
        return None
    writable = not workstream.is_archived
    return Workspace(
        workstream=workstream,
        can_post=writable and has_perm(viewer, "governance.post_announcement", workstream),
        can_share=writable and has_perm(viewer, "governance.share_documents", workstream),
        can_change=writable and has_perm(viewer, "governance.change_workstream", workstream),
    )


def workspace_announcements(*, viewer: Viewer, workstream: Workstream) -> QuerySet[Announcement]:
    """Pinned first, then the newest; to paginate."""
    if not has_perm(viewer, "governance.view_workspace", workstream):
        return Announcement.objects.none()
    return (
        Announcement.objects.filter(workstream=workstream)
        .select_related("author")
        .order_by("-pinned", "-created_at", "-pk")
    )


def workspace_documents(*, viewer: Viewer, workstream: Workstream) -> QuerySet[Document]:
    """The documents not archived, the latest changed first, each with its current version and
    who sent it; to paginate."""
    if not has_perm(viewer, "governance.view_workspace", workstream):
        return Document.objects.none()
    return (
        Document.objects.filter(workstream=workstream, archived_at__isnull=True)
        .select_related("current__uploaded_by")
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class DocumentPage:
    document: Document
    versions: list[DocumentVersion]  # the newest first
    can_share: bool  # a new version
    can_archive: bool


def document_page(*, viewer: Viewer, document: Document) -> DocumentPage | None:
    """A document with every version (who sent it, when, what changed); None when the viewer may
    not see the workspace or the document is archived."""
    workstream = document.workstream
    if document.is_archived or not has_perm(viewer, "governance.view_workspace", workstream):
        return None
    writable = not workstream.is_archived
    return DocumentPage(
        document=document,
        versions=list(document.versions.select_related("uploaded_by").order_by("-number")),
        can_share=writable and has_perm(viewer, "governance.share_documents", workstream),
        can_archive=writable and has_perm(viewer, "governance.archive_document", document),
    )


def version_downloadable(*, viewer: Viewer, version: DocumentVersion) -> bool:
    """A version is sent to those who may see the workspace, while its document is listed."""
    document = version.document
    return not document.is_archived and has_perm(
        viewer, "governance.view_workspace", document.workstream
    )


def workspace_deliverables(*, viewer: Viewer, workstream: Workstream) -> list[Deliverable]:
    """Every deliverable in its order, with its owner (a workstream has a handful)."""
    if not has_perm(viewer, "governance.view_workspace", workstream):
        return []
    return list(workstream.deliverables.select_related("owner").order_by("position", "pk"))


def workspace_contacts(*, viewer: Viewer, workstream: Workstream) -> list[MemberRow]:
    """The current members, one row per person, with their e-mail address and telephone
    (`row.person.email`, `row.person.phone`) and the organization they sit for. Only for the
    workstream's members and staff (Law 25); one query."""
    if not has_perm(viewer, "governance.view_workspace", workstream):
        return []
    memberships = _open_memberships("person__email", "person__phone").filter(workstream=workstream)
    return _member_rows(memberships)
