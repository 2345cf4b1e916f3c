""" "My data": which kinds of personal information the platform holds about the logged-in account,
each kind's records on a page of its own with its purpose, and copies of it all (a ZIP of JSON,
CSV and JSON Schema, or a PDF) made in the background and downloaded from a link."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.permissions import permission_required
from maillage.privacy import mydata
from maillage.privacy.forms.mydata import DataCopyForm
from maillage.privacy.models.mydata import COPY_DAYS
from maillage.privacy.selectors.mydata import my_data_contents, my_data_copies
from maillage.privacy.selectors.mydata import my_data_copy as my_data_copy_of
from maillage.privacy.selectors.mydata import my_data_section as my_data_section_of
from maillage.privacy.selectors.requests import my_requests
from maillage.privacy.services.mydata import my_data_copy_request, my_data_download_record


@permission_required("privacy.view_my_data")
def my_data(request: HttpRequest) -> HttpResponse:
    """The contents: which kinds of records the platform holds of the person, each on its own
    page, and which it holds none of; and the copies, asked for here (POST). Its cost stays that
    of one probe per app, however many records a person has."""
    account = actor_of(request)
    form = DataCopyForm(request.POST or None)
    done = form_redirect(
        request,
        form,
        lambda actor: my_data_copy_request(
            actor=actor, file_format=form.cleaned_data["file_format"]
        ),
        success=_(
            "Your copy is being prepared. You will receive an e-mail as soon as it is ready, "
            "and it will be listed here."
        ),
        to=reverse("privacy:my_data") + "#my-copies-heading",
    )
    if done:
        return done
    held, empty = my_data_contents(account)
    context = {
        "held": held,
        "empty": empty,
        "copies": my_data_copies(account),
        "requests": my_requests(account),
        "form": form,
        "copy_days": COPY_DAYS,
    }
    return render(request, "privacy/mydata/my_data.html", context, status=form_status(form))


@permission_required("privacy.view_my_data")
def my_data_section(request: HttpRequest, key: str) -> HttpResponse:
    section = my_data_section_of(actor_of(request), key)
    if section is None:
        raise Http404
    [table] = mydata.tables([section])
    return render(request, "privacy/mydata/section.html", {"table": table})


@permission_required("privacy.view_my_data")
def my_data_copy(request: HttpRequest, pk: int) -> FileResponse:
    """The file of one of the account's own copies, while it is kept."""
    account = actor_of(request)
    copy = my_data_copy_of(account, pk)
    if copy is None:
        raise Http404(_("This copy is no longer available: ask for a new one from My data."))
    my_data_download_record(actor=account, copy=copy)
    return FileResponse(
        copy.file.open("rb"),
        as_attachment=True,
        filename=mydata.download_name(copy.file_format, on=copy.ready_at),
        content_type="application/pdf" if copy.file_format == "pdf" else "application/zip",
    )
