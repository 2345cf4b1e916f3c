from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from maillage.core import my_space as my_space_sections
from maillage.core import selectors, services
from maillage.core.actions import action_redirect, form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.forms import ImportUploadForm
from maillage.core.htmx import is_htmx, render_page_or_fragment
from maillage.core.imports import Importer, importer_for
from maillage.core.lookups import one_of
from maillage.core.models import ImportJob
from maillage.core.permissions import permission_required

# How often, in seconds, a report page asks again while a task works on its file.
IMPORT_POLL_SECONDS = 2


@never_cache
@permission_required("core.view_public")
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: "ok" when the database answers, after one query (the
    reference page of `make bench`); 503 when it does not. Public: it tells nothing."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@permission_required("core.view_public")
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@permission_required("core.view_my_space")
def my_space(request: HttpRequest) -> HttpResponse:
    """The landing page after login: the sections the apps register, in their order."""
    account = actor_of(request)
    sections = my_space_sections.SECTIONS.render(account, request)
    return render(request, "core/my_space.html", {"account": account, "sections": sections})


@permission_required("core.view_notifications")
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
@permission_required("core.view_notifications")
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(actor=actor_of(request), notification=notification)
    if is_htmx(request):
        return render(
            request, "core/notification_list.html#notification", {"notification": notification}
        )
    return redirect("core:notifications")


# Imports: an app's upload page calls `import_upload`; the report and the confirmation are core's.


def import_upload(
    request: HttpRequest,
    *,
    importers: Sequence[Importer[Any]],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """An app's upload page (`template`, with `form` and the person's `import_jobs`): a valid
    file becomes a job, checked by a task, and the page leads to its report."""
    form = ImportUploadForm(request.POST or None, request.FILES or None, importers=importers)
    done = form_redirect(
        request,
        form,
        lambda actor: services.import_job_create(
            actor=actor,
            kind=form.cleaned_data["kind"],
            file_name=form.cleaned_data["file"].name,
            text=form.cleaned_data["text"],
            total_rows=form.cleaned_data["rows"],
            language=get_language(),
        ),
        success=_("The file was received; its report follows."),
        to=import_job_url,
    )
    if done is not None:
        return done
    jobs = selectors.import_jobs(request.user, kinds=[i.key for i in importers])[:5]
    context = {**context, "form": form, "import_jobs": jobs}
    return render(request, template, context, status=form_status(form))


def import_job_url(job: ImportJob) -> str:
    return reverse("core:import_job", kwargs={"pk": job.pk})


# The job without its content: the report never shows the file.
_import_job = one_of(ImportJob.objects.defer("text"))


@permission_required("core.view_import", obj=_import_job)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's report: its progress while a task works on it (the page asks again by itself
    with HTMX; without JavaScript, a link reloads it), then its errors by row and column, the
    confirmation, and the outcome."""
    job = _import_job(request, pk)
    context = {
        "job": job,
        "importer": importer_for(job.kind),
        "poll_seconds": IMPORT_POLL_SECONDS,
    }
    return render_page_or_fragment(request, "core/import_job.html", "report", context)


@require_POST
@permission_required("core.confirm_import", obj=_import_job)
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_job(request, pk)
    return action_redirect(
        request,
        lambda actor: services.import_job_confirm(actor=actor, job=job),
        success=_("Import confirmed; its outcome follows."),
        to=import_job_url(job),
    )
