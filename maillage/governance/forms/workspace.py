"""Forms of a workstream's workspace: announcements and shared documents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.forms import EditForm
from maillage.core.formtools import data_from, initial_from
from maillage.core.uploads import extensions
from maillage.governance.models import Announcement
from maillage.governance.services import AnnouncementData, DocumentData


class AnnouncementForm(EditForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    text = forms.CharField(
        label=gettext_lazy("Announcement"), widget=forms.Textarea(attrs={"rows": 6})
    )
    pinned = forms.BooleanField(
        label=gettext_lazy("Pin it above the others"),
        required=False,
        help_text=gettext_lazy("A pinned announcement stays at the top of the workspace."),
    )

    def __init__(self, *args: Any, announcement: Announcement | None = None, **kwargs: Any) -> None:
        if announcement is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(announcement, "title", "text", "pinned")
        super().__init__(*args, **kwargs)

    def to_data(self) -> AnnouncementData:
        return data_from(AnnouncementData, self.cleaned_data)


def file_field() -> forms.FileField:
    """The file of a document: the types and size accepted are said, and the browser offers
    those types first; the service reads the content to check them."""
    accepted = extensions()
    field = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ",".join(f".{e}" for e in accepted)}),
    )
    field.help_text = _("Accepted: %(extensions)s; at most %(size)s.") % {
        "extensions": ", ".join(f".{e}" for e in accepted),
        "size": filesizeformat(settings.MAILLAGE_DOCUMENT_MAX_BYTES),
    }
    return field


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Left empty, the document takes the file's name."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, so that its help text is in the language of the request.
        self.fields = {"file": file_field(), **self.fields}

    def to_data(self) -> DocumentData:
        return data_from(DocumentData, self.cleaned_data)


class DocumentVersionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What changed (optional)"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Kept with the version, for those who read the list."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"file": file_field(), **self.fields}
