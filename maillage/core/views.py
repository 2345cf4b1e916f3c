from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from maillage.core import accounts, cache, selectors, services
from maillage.core import my_space as my_space_sections
from maillage.core.actions import (
    action_redirect,
    back_to,
    edit_page,
    form_redirect,
    form_status,
    invitation_answer_page,
)
from maillage.core.actors import actor_of
from maillage.core.forms import (
    AccountAccessForm,
    AccountFilterForm,
    ImportUploadForm,
    NotificationPreferenceForm,
)
from maillage.core.htmx import is_htmx, render_page_or_fragment
from maillage.core.imports import Importer, importer_for
from maillage.core.lookups import one_of
from maillage.core.models import ImportJob, PlatformInvitation, User
from maillage.core.permissions import has_perm, permission_required
from maillage.core.roles import Role

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


@permission_required("core.view_my_space")
def my_space(request: HttpRequest) -> HttpResponse:
    """The landing page after login: the sections the apps register, in their order."""
    account = actor_of(request)
    # A dozen kept sections: read in one round trip to the cache rather than one each.
    with cache.read_ahead(f"my-space:{account.pk}"):
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


@permission_required("core.change_notification_preferences")
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """The account's own choice: notification e-mails as they happen or in a daily digest, and
    their language (a first visit proposes the page's)."""
    preference = selectors.notification_preference_of(actor_of(request))
    language = preference.language if preference.pk else _page_language()
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email_delivery": preference.email_delivery, "language": language},
    )
    return form_redirect(
        request,
        form,
        lambda actor: services.notification_preference_set(
            actor=actor,
            user=actor,
            email_delivery=form.cleaned_data["email_delivery"],
            language=form.cleaned_data["language"],
        ),
        success=_("Your notification preferences are saved."),
        to=reverse("core:notification_preferences"),
    ) or render(
        request,
        "core/notification_preferences.html",
        {"form": form},
        status=form_status(form),
    )


def _page_language() -> str:
    current = get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return next((code for code in codes if current.startswith(code[:2])), settings.LANGUAGE_CODE)


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


# The staff's account pages: accounts, their access, the invitations to the platform

ACCOUNT_PAGE_SIZE = 25

# Their views are reserved to those who manage accounts: nothing is filtered out.
_account = one_of(User.objects.all())
_invitation = one_of(PlatformInvitation.objects.all())


def account_url(account: User) -> str:
    return reverse("core:account_detail", kwargs={"pk": account.pk})


@permission_required("core.manage_accounts")
def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET or None)
    columns = accounts.columns()

    def build() -> dict[str, Any]:
        found = selectors.account_directory(
            viewer=request.user, filters=selectors.AccountFilters(**form.filters())
        )
        page = Paginator(found, ACCOUNT_PAGE_SIZE).get_page(request.GET.get("page"))
        return {
            "page": page,
            "rows": [
                (account, [getattr(account, column.attribute) for column in columns])
                for account in page.object_list
            ],
            "pending_invitations": selectors.pending_platform_invitations(
                viewer=request.user
            ).count(),
        }

    context = {
        "form": form,
        "columns": columns,
        # Read only when the kept table (`accounts.LIST_CACHE`) must be rendered again.
        **cache.deferred(build, "page", "rows", "pending_invitations"),
        "list_cache": accounts.LIST_CACHE,
        "query": request.GET.urlencode(),
        # A seat's end counts from today.
        "today": timezone.localdate(),
    }
    return render(request, "core/account_list.html", context)


@permission_required("core.manage_accounts")
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    emails = selectors.account_emails(account)
    context = {
        "account": account,
        "emails": emails,
        "invitations": list(
            selectors.pending_platform_invitations(viewer=request.user, emails=emails)
        ),
        # What the apps above the core add (the network: the person and their seats).
        "sections": accounts.ACCOUNT_SECTIONS.render(account, request),
        "can_change": has_perm(request.user, "core.change_role", account),
        "can_invite": has_perm(request.user, "core.invite_to_platform"),
        "is_admin_site_user": account.is_superuser,
    }
    return render(request, "core/account_detail.html", context)


# Staff first (no account is looked up for anyone else), then this account's access.
@permission_required("core.manage_accounts")
@permission_required("core.change_role", obj=_account)
def account_access(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)

    def page(form: AccountAccessForm) -> HttpResponse:
        context = {"account": account, "form": form}
        return render(request, "core/account_access.html", context, status=form_status(form))

    def changed(change: services.AccessChange) -> str:
        if not change:
            return _("Nothing changed: the account keeps its access.")
        return _("The access of %(name)s was changed.") % {"name": account}

    return edit_page(
        request,
        account,
        lambda data: AccountAccessForm(data, account=account, viewer=request.user),
        lambda actor, form, version: services.account_update_access(
            actor=actor,
            user=account,
            role=form.cleaned_data["role"],
            active=form.cleaned_data["is_active"],
            reason=form.cleaned_data["reason"],
            version=version,
        ),
        success=changed,
        to=account_url(account),
        page=page,
    )


@permission_required("core.manage_accounts")
def platform_invitation_list(request: HttpRequest) -> HttpResponse:
    invitations = selectors.pending_platform_invitations(viewer=request.user)
    page = Paginator(invitations, ACCOUNT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_invite": has_perm(request.user, "core.invite_to_platform")}
    return render(request, "core/platform_invitation_list.html", context)


def _back(request: HttpRequest) -> str:
    return back_to(request, reverse("core:platform_invitation_list"))


@require_POST
@permission_required("core.invite_to_platform")
def platform_invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    return action_redirect(
        request,
        lambda actor: services.platform_invitation_resend(
            actor=actor, invitation=invitation, base_url=request.build_absolute_uri("/")
        ),
        success=_("The invitation was sent again to %(email)s.") % {"email": invitation.email},
        to=_back(request),
    )


@require_POST
@permission_required("core.invite_to_platform")
def platform_invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    return action_redirect(
        request,
        lambda actor: services.platform_invitation_revoke(actor=actor, invitation=invitation),
        success=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        to=_back(request),
    )


@permission_required("core.view_public")
def platform_invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees who invites them, with what access; only the invited person
    (an account that confirmed the invited address) accepts it and sees that address in full."""
    return invitation_answer_page(
        request,
        token=token,
        find=selectors.platform_invitation_by_token,
        accept=lambda actor, token: services.platform_invitation_accept(actor=actor, token=token),
        template="core/platform_invitation_accept.html",
        welcome=lambda invitation, user: (
            _("Welcome to the platform: your access is now “%(role)s”.")
            % {"role": Role(user.role).label}
        ),
        landing=lambda invitation: resolve_url(settings.LOGIN_REDIRECT_URL),
        email=lambda invitation: invitation.email,
        context=lambda invitation: {
            "page": selectors.platform_invitation_page(invitation, viewer=request.user),
            "invitation": invitation,
            "role": Role(invitation.role).label,
        },
    )
