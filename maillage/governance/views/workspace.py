"""A workstream's workspace: its announcements, documents, deliverables and members' contacts,
each a tab of its own (links: no JavaScript needed); the documents' forms and downloads."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.core.uploads import download_response
from maillage.governance import selectors, services
from maillage.governance.forms import AnnouncementForm, DocumentForm, DocumentVersionForm
from maillage.governance.models import Announcement, Document, DocumentVersion, Workstream
from maillage.governance.views._common import (
    PAGE_SIZE,
    _confirm_page,
    _form_page,
    _workstream,
    workspace_url,
)

# Announcements are read in full: fewer per page than the lists' rows.
ANNOUNCEMENTS_PER_PAGE = 10

_announcement = one_of(Announcement.objects.select_related("workstream"))
_document = one_of(Document.objects.select_related("workstream", "current"))
_version = one_of(DocumentVersion.objects.select_related("document__workstream"))


def _announcement_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _announcement(request, pk).workstream


def _document_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _document(request, pk).workstream


def _version_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _version(request, pk).document.workstream


def document_url(document: Document) -> str:
    return reverse("governance:document_detail", kwargs={"pk": document.pk})


def _tab(request: HttpRequest, workstream: Workstream, tab: str, **context: Any) -> HttpResponse:
    """A tab of the workspace, under the tabs that lead to the others."""
    space = selectors.workspace_of(viewer=request.user, workstream=workstream)
    if space is None:  # the decorator let the viewer in: a change of membership since
        raise Http404
    return render(
        request,
        f"governance/workspace_{tab}.html",
        {
            "space": space,
            "workstream": workstream,
            "tab": tab,
            "today": timezone.localdate(),
            **context,
        },
    )


@permission_required("governance.view_workspace", obj=_workstream)
def workspace_announcements(request: HttpRequest, slug: str) -> HttpResponse:
    """The announcements, pinned ones first, then the newest."""
    workstream = _workstream(request, slug)
    announcements = selectors.workspace_announcements(viewer=request.user, workstream=workstream)
    page = Paginator(announcements, ANNOUNCEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return _tab(request, workstream, "announcements", page=page)


@permission_required("governance.view_workspace", obj=_workstream)
def workspace_documents(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    documents = selectors.workspace_documents(viewer=request.user, workstream=workstream)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return _tab(request, workstream, "documents", page=page)


@permission_required("governance.view_workspace", obj=_workstream)
def workspace_deliverables(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    deliverables = selectors.workspace_deliverables(viewer=request.user, workstream=workstream)
    return _tab(request, workstream, "deliverables", deliverables=deliverables)


@permission_required("governance.view_workspace", obj=_workstream)
def workspace_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    contacts = selectors.workspace_contacts(viewer=request.user, workstream=workstream)
    return _tab(request, workstream, "contacts", contacts=contacts)


# Announcements


@permission_required("governance.post_announcement", obj=_workstream)
def announcement_create(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = AnnouncementForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.announcement_post(
            actor=actor, workstream=workstream, data=form.to_data()
        ),
        success=_("The announcement was posted; the workstream's members were told."),
        to=workspace_url(workstream),
    ) or _form_page(
        request,
        form,
        title=_("New announcement in “%(name)s”") % {"name": workstream.name},
        group=workstream,
        cancel=workspace_url(workstream),
        intro=_("Every member of the workstream is told, in the platform and by e-mail."),
        submit=_("Post the announcement"),
    )


@permission_required("governance.post_announcement", obj=_announcement_workstream)
def announcement_amend(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = _announcement(request, pk)
    workstream = announcement.workstream
    return edit_page(
        request,
        announcement,
        lambda data: AnnouncementForm(data, announcement=announcement),
        lambda actor, form, version: services.announcement_amend(
            actor=actor, announcement=announcement, data=form.to_data(), version=version
        ),
        success=_("The announcement was amended."),
        to=workspace_url(workstream),
        page=partial(
            _form_page,
            request,
            title=_("Amend the announcement “%(title)s”") % {"title": announcement.title},
            group=workstream,
            cancel=workspace_url(workstream),
        ),
    )


@permission_required("governance.post_announcement", obj=_announcement_workstream)
@require_POST
def announcement_remove(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = _announcement(request, pk)
    return action_redirect(
        request,
        lambda actor: services.announcement_remove(actor=actor, announcement=announcement),
        success=_("The announcement “%(title)s” was removed.") % {"title": announcement.title},
        to=workspace_url(announcement.workstream),
    )


# Documents


@permission_required("governance.share_documents", obj=_workstream)
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.document_add(
            actor=actor,
            workstream=workstream,
            data=form.to_data(),
            upload=form.cleaned_data["file"],
        ),
        success=_("The document was shared with the workstream's members."),
        to=document_url,
    ) or _form_page(
        request,
        form,
        title=_("Share a document in “%(name)s”") % {"name": workstream.name},
        group=workstream,
        cancel=workspace_url(workstream, "documents"),
        intro=_(
            "The workstream's members and coordination staff may read it. A new version, later, "
            "keeps the earlier ones."
        ),
        submit=_("Share the document"),
    )


@permission_required("governance.view_workspace", obj=_document_workstream)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.document_page(viewer=request.user, document=_document(request, pk))
    if detail is None:
        raise Http404
    return render(
        request,
        "governance/document_detail.html",
        {"detail": detail, "document": detail.document, "workstream": detail.document.workstream},
    )


@permission_required("governance.share_documents", obj=_document_workstream)
def document_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if document.is_archived:
        raise Http404
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.document_version_add(
            actor=actor,
            document=document,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        ),
        success=lambda version: (
            _("Version %(number)s of the document was shared.") % {"number": version.number}
        ),
        to=document_url(document),
    ) or _form_page(
        request,
        form,
        title=_("New version of “%(title)s”") % {"title": document.title},
        group=document.workstream,
        cancel=document_url(document),
        intro=_("The earlier versions stay in the document's list."),
        submit=_("Share the new version"),
    )


@permission_required("governance.archive_document", obj=_document)
def document_archive(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if document.is_archived:
        raise Http404
    return _confirm_page(
        request,
        lambda actor: services.document_archive(actor=actor, document=document),
        group=document.workstream,
        title=_("Archive the document “%(title)s”") % {"title": document.title},
        intro=_(
            "It leaves the workspace's list; its versions are kept with the workstream's history."
        ),
        submit=_("Archive the document"),
        success=_("The document “%(title)s” was archived.") % {"title": document.title},
        to=workspace_url(document.workstream, "documents"),
    )


def _send(request: HttpRequest, version: DocumentVersion) -> FileResponse:
    """The file of `version`, as an attachment under its own name; 404 for a document taken out
    of the workspace, or a file its storage no longer has."""
    if not selectors.version_downloadable(viewer=request.user, version=version):
        raise Http404
    try:
        return download_response(
            version.file, filename=version.filename, content_type=version.content_type
        )
    except FileNotFoundError as error:
        raise Http404 from error


@permission_required("governance.view_workspace", obj=_document_workstream)
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The document's current version."""
    document = _document(request, pk)
    if document.current is None:
        raise Http404
    version = document.current
    version.document = document  # already fetched: the check needs no query more
    return _send(request, version)


@permission_required("governance.view_workspace", obj=_version_workstream)
def document_version_download(request: HttpRequest, pk: int) -> FileResponse:
    return _send(request, _version(request, pk))
