"""A workstream's workspace: its announcements and its shared documents, each version kept."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.core.uploads import extension_of, private_storage
from maillage.governance.models.workstreams import Workstream


class Announcement(Timestamped):
    """News for a workstream's members; pinned ones stay on top."""

    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    pinned = models.BooleanField(_("pinned"), default=False)
    author = user_reference(_("author"))

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["workstream", "-pinned", "-created_at"], name="announcement_listing"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Document(Timestamped):
    """A document shared in a workstream: its title and description, and its versions, the
    latest being `current`. Archived, it leaves the list; its versions are kept."""

    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The latest version, kept on the document so that a list joins one row per document.
    current = models.ForeignKey(
        "DocumentVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = user_reference(_("added by"))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    archived_by = user_reference(_("archived by"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(
                fields=["workstream", "archived_at", "-updated_at"], name="document_listing"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def document_path(version: DocumentVersion, filename: str) -> str:
    """Where a version is stored: under its workstream, in a folder of its own (two files of the
    same name never meet, and a path cannot be guessed), under an ASCII name that every storage
    accepts. People download it under its own name (`filename`), through a view that checks the
    permission."""
    extension = extension_of(filename)
    stem = slugify(filename.rsplit(".", 1)[0] if extension else filename)[:60] or "document"
    name = f"{stem}.{extension}" if extension else stem
    return f"chantiers/{version.document.workstream_id}/documents/{uuid.uuid4().hex}/{name}"


class DocumentVersion(models.Model):
    """One file of a document; a new version never replaces an earlier one."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("file"), upload_to=document_path, storage=private_storage, max_length=255
    )
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = user_reference(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="document_version_unique_number",
                violation_error_message=_("This document already has a version of this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="document_version_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} (v{self.number})"
