"""Applications: starting one from a call, writing it over several sittings, submitting it
with its checklist, its documents and comments, "my applications", one page per application
with its activity feed and PDF; for staff, the applications table with its batch actions
(`BATCH_ACTIONS`) and the moves of an application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from maillage.core import cache
from maillage.core.actions import (
    action_redirect,
    edit_page,
    form_redirect,
    form_status,
    refusal_message,
)
from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.lookups import one_of
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required
from maillage.core.workflows import TransitionNotAllowed
from maillage.funding import documents, workflows
from maillage.funding.forms.applications import (
    ApplicationFilterForm,
    ApplicationForm,
    AttachmentForm,
    BatchForm,
    BudgetFormSet,
    CommentForm,
    NoteForm,
    OtherFundingFormSet,
    StartForm,
    application_initial,
    filled_rows,
    step_field,
)
from maillage.funding.models import Application, Attachment, Call, Revision
from maillage.funding.rules import workflow_roles
from maillage.funding.selectors import applications as selectors
from maillage.funding.services import applications as services

_application = one_of(Application.objects.select_related("call__fund", "organization"))
_call = one_of(Call.objects.select_related("fund"))


def _detail_url(application: Application) -> str:
    return reverse("funding:application_detail", args=[application.pk])


def _edit_url(application: Application) -> str:
    return reverse("funding:application_edit", args=[application.pk])


# --- Applicants ---------------------------------------------------------------------------


@permission_required("funding.apply")
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an application to a call, in the name of an organization the person acts for."""
    call = _call(request, pk)
    if not has_perm(request.user, "funding.view_call", call):
        raise Http404
    organizations = selectors.organizations_for(request.user)
    open_now = selectors.accepts_applications(call)
    form = StartForm(request.POST or None, organizations=organizations)
    if open_now and organizations.exists():
        done = form_redirect(
            request,
            form,
            lambda actor: services.application_start(
                actor=actor,
                call=call,
                organization=form.cleaned_data["organization"],
                title=form.cleaned_data["title"],
            ),
            success=_("Your application is started: write it at your pace, it is saved each time."),
            to=_edit_url,
        )
        if done:
            return done
    else:
        form = None  # type: ignore[assignment]
    context = {"call": call, "form": form, "open_now": open_now}
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "funding/applications_start.html", context, status=status)


@permission_required("funding.apply")
def application_mine(request: HttpRequest) -> HttpResponse:
    """The applications of the organizations the person acts for, with public state names."""
    rows = selectors.my_applications(request.user)
    return render(request, "funding/applications_mine.html", {"applications": rows})


def _formsets(
    request: HttpRequest, application: Application
) -> tuple[forms.BaseFormSet[Any], forms.BaseFormSet[Any]]:
    data = request.POST if request.method == "POST" else None
    budget = BudgetFormSet(
        data,
        prefix="budget",
        initial=[
            {"category": b.category, "description": b.description, "amount": b.amount}
            for b in application.budget_lines.all()
        ],
    )
    funding = OtherFundingFormSet(
        data,
        prefix="funding",
        initial=[
            {"source": o.source, "amount": o.amount, "status": o.status}
            for o in application.other_funding.all()
        ],
    )
    return budget, funding


@permission_required("funding.edit_application", obj=_application)
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The application's form: its fields, the call's sections, the budget and other sources
    of funding. Saving keeps what was typed, complete or not; a refused form shows it again."""
    application = _application(request, pk)
    sections = selectors.stage_sections(application)
    budget, funding = _formsets(request, application)

    def form(data: Any) -> ApplicationForm:
        return ApplicationForm(
            data,
            application=application,
            sections=sections,
            initial=application_initial(application),
        )

    def save(actor: User, bound: ApplicationForm, version: str | None) -> Application:
        if not (budget.is_valid() and funding.is_valid()):
            raise ValidationError(_("Some lines of the budget need correcting."))
        data = services.ApplicationData(
            title=bound.cleaned_data["title"],
            summary=bound.cleaned_data["summary"],
            amount_requested=bound.cleaned_data["amount_requested"],
            start_date=bound.cleaned_data["start_date"],
            end_date=bound.cleaned_data["end_date"],
            populations=bound.cleaned_data["populations"],
            answers=bound.answers(),
            territories=list(bound.cleaned_data["territories"]),
            strategies=list(bound.cleaned_data["strategies"]),
            co_applicants=list(bound.cleaned_data["co_applicants"]),
            budget=[services.BudgetItem(**row) for row in filled_rows(budget)],
            other_funding=[services.FundingItem(**row) for row in filled_rows(funding)],
        )
        return services.application_save(
            actor=actor, application=application, data=data, version=version
        )

    def page(bound: ApplicationForm) -> HttpResponse:
        if request.method == "POST":
            budget.is_valid()
            funding.is_valid()
        status = form_status(bound)
        if status == 200 and (budget.total_error_count() or funding.total_error_count()):
            status = 400
        context = {
            "application": application,
            "form": bound,
            "budget": budget,
            "funding": funding,
            "attachments": application.attachments.select_related("required"),
            "attachment_form": AttachmentForm(
                call=application.call, max_mb=services.max_upload_bytes() // (1024 * 1024)
            ),
            "missing": selectors.missing_items(application),
        }
        return render(request, "funding/applications_edit.html", context, status=status)

    if request.method == "POST" and request.POST.get("then") == "submit":
        to: Callable[[Application], str] = lambda a: reverse(  # noqa: E731
            "funding:application_submit", args=[a.pk]
        )
    else:
        to = _edit_url
    return edit_page(
        request,
        application,
        form,
        save,
        success=_("The application is saved."),
        to=to,
        page=page,
    )


@permission_required("funding.edit_application", obj=_application)
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist of what is missing, and the submission once nothing is."""
    application = _application(request, pk)
    if request.method == "POST":
        try:
            services.application_submit(actor=actor_of(request), application=application)
        except (ValidationError, TransitionNotAllowed) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("The application is submitted. Thank you!"))
            return redirect(_detail_url(application))
    missing = selectors.missing_items(application)
    status = 400 if request.method == "POST" else 200
    context = {"application": application, "missing": missing}
    return render(request, "funding/applications_submit.html", context, status=status)


@require_POST
@permission_required("funding.view_application", obj=_application)
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return action_redirect(
        request,
        lambda actor: services.application_withdraw(
            actor=actor, application=application, note=note
        ),
        success=_("The application is withdrawn."),
        to=_detail_url(application),
        refusals=(ValidationError, TransitionNotAllowed),
    )


@require_POST
@permission_required("funding.edit_application", obj=_application)
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a document; a refused file is said at its field, on the application's form."""
    application = _application(request, pk)
    form = AttachmentForm(
        request.POST,
        request.FILES,
        call=application.call,
        max_mb=services.max_upload_bytes() // (1024 * 1024),
    )
    if form.is_valid():
        try:
            services.attachment_add(
                actor=actor_of(request),
                application=application,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                required=form.cleaned_data["required"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect(_edit_url(application) + "#documents")
    budget, funding = _formsets(request, application)
    edit_form = ApplicationForm(
        None,
        application=application,
        sections=selectors.stage_sections(application),
        initial=application_initial(application),
    )
    edit_form.carry_version(application)
    context = {
        "application": application,
        "form": edit_form,
        "budget": BudgetFormSet(prefix="budget", initial=budget.initial),
        "funding": OtherFundingFormSet(prefix="funding", initial=funding.initial),
        "attachments": application.attachments.select_related("required"),
        "attachment_form": form,
        "missing": selectors.missing_items(application),
    }
    return render(request, "funding/applications_edit.html", context, status=400)


def _attachment(request: HttpRequest, pk: int, attachment: int) -> Attachment:
    application = _application(request, pk)
    return get_object_or_404(application.attachments.all(), pk=attachment)


@require_POST
@permission_required("funding.edit_application", obj=_application)
def attachment_remove(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    found = _attachment(request, pk, attachment)
    return action_redirect(
        request,
        lambda actor: services.attachment_remove(actor=actor, attachment=found),
        success=_("The document is removed."),
        to=_edit_url(found.application) + "#documents",
    )


@permission_required("funding.view_application", obj=_application)
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    from maillage.core.uploads import DOCUMENT_KINDS, download_response, extension_of

    found = _attachment(request, pk, attachment)
    extension = extension_of(found.filename)
    kind = next((k for k in DOCUMENT_KINDS if extension in k.extensions), None)
    content_type = kind.content_type if kind else "application/octet-stream"
    return download_response(found.file, filename=found.filename, content_type=content_type)


@require_POST
@permission_required("funding.view_application", obj=_application)
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the comment."))
        return redirect(_detail_url(application) + "#activity")
    return action_redirect(
        request,
        lambda actor: services.comment_add(
            actor=actor,
            application=application,
            text=form.cleaned_data["text"],
            shared=form.cleaned_data["shared"],
        ),
        success=_("The comment is added."),
        to=_detail_url(application) + "#activity",
    )


# --- The application's page ---------------------------------------------------------------


@permission_required("funding.view_application", obj=_application)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An application as its reader may see it: applicants read the public name of its state
    only, shared comments only, and never the analysis; staff and its reviewers read all."""
    application = _application(request, pk)
    page = selectors.application_page(viewer=request.user, application=application)
    staff = has_perm(request.user, "funding.manage")
    moves = []
    if staff:
        moves = [
            t
            for t in workflows.APPLICATION.available(application.state, {workflows.STAFF})
            if t.key in STAFF_MOVES
        ]
    context = {
        "page": page,
        "application": application,
        "state_label": page.state_label,
        "moves": moves,
        "note_form": NoteForm(),
        "comment_form": CommentForm(),
        "can_edit": has_perm(request.user, "funding.edit_application", application),
        "can_share": staff,
        "can_analyse": has_perm(request.user, "funding.view_analysis", application),
        "agreement": page.agreement,
        # Staff read every agreement: none read means none prepared yet.
        "can_prepare_agreement": staff
        and page.agreement is None
        and application.state == "accepted",
        # The applicant's own button; staff withdraw among their moves.
        "can_withdraw": not staff
        and any(
            t.key == "withdraw"
            for t in workflows.APPLICATION.available(
                application.state, workflow_roles(request.user, application)
            )
        ),
    }
    return render(request, "funding/applications_detail.html", context)


@permission_required("funding.view_application", obj=_application)
def application_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    page = selectors.application_page(viewer=request.user, application=application)
    content = documents.application_pdf(page, language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}.pdf"'
    return response


@permission_required("funding.view_application", obj=_application)
def revision_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """What a revision changed from the one before it (the first: everything it said)."""
    application = _application(request, pk)
    revisions = {
        r.number: r
        for r in Revision.objects.filter(application=application, number__in=[number - 1, number])
    }
    if number not in revisions:
        raise Http404
    titles = {s.key: s.title for s in application.call.sections.all()}
    changes = selectors.revision_diff(
        revisions.get(number - 1), revisions[number], section_titles=titles
    )
    context = {"application": application, "revision": revisions[number], "changes": changes}
    return render(request, "funding/applications_diff.html", context)


# --- Staff ---------------------------------------------------------------------------------

# The moves staff make from an application's page.
STAFF_MOVES = (
    "screen",
    "ask_more_information",
    "invite",
    "qualify",
    "reject_ineligible",
    "reconsider",
    "withdraw",
)


@require_POST
@permission_required("funding.manage")
def application_move(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Fire one of the staff's moves, with its note (what more information is asked)."""
    application = _application(request, pk)
    if step not in STAFF_MOVES:
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return action_redirect(
        request,
        lambda actor: services.application_transition(
            actor=actor, application=application, step=step, note=note
        ),
        success=_("Done: “%(step)s”.") % {"step": workflows.APPLICATION.transition(step).label},
        to=_detail_url(application),
        refusals=(ValidationError, TransitionNotAllowed, PermissionDenied),
    )


@dataclass(frozen=True)
class BatchAction:
    """A batch action of the applications table: its label, its own fields in the batch form
    (`fields()`, optional), and `run(request, applications, cleaned_data)`, which answers
    (a redirect with its message, or a file)."""

    key: str
    label: Promise | str
    run: Callable[[HttpRequest, QuerySet[Application], dict[str, Any]], HttpResponse]
    fields: Callable[[], dict[str, forms.Field]] | None = None


BATCH_ACTIONS: dict[str, BatchAction] = {}


def register_batch_action(action: BatchAction) -> None:
    """Add a batch action to the table (another subject's, e.g. assigning reviewers)."""
    BATCH_ACTIONS[action.key] = action


def batch_back_url(request: HttpRequest) -> str:
    """The table's page a batch came from (with its filters), and never another address."""
    back = request.POST.get("next") or ""
    base = reverse("funding:application_list")
    return back if back.startswith(base) else base


def _batch_move(
    request: HttpRequest, applications: QuerySet[Application], data: dict[str, Any]
) -> HttpResponse:
    step = data.get("step") or ""
    if not step:
        messages.error(request, _("Choose the state to move the applications to."))
        return redirect(batch_back_url(request))
    moved, refused = 0, []
    actor = actor_of(request)
    for application in applications:
        try:
            services.application_transition(actor=actor, application=application, step=step)
        except (ValidationError, PermissionDenied) as error:
            refused.append(f"{application.reference}: {refusal_message(error)}")
        else:
            moved += 1
    if moved:
        moved_text = ngettext(
            "%(count)s application moved.", "%(count)s applications moved.", moved
        )
        messages.success(request, moved_text % {"count": moved})
    for line in refused:
        messages.error(request, line)
    return redirect(batch_back_url(request))


def _batch_export(
    request: HttpRequest, applications: QuerySet[Application], data: dict[str, Any]
) -> HttpResponse:
    response = HttpResponse(
        documents.applications_xlsx(applications),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="demandes.xlsx"'
    return response


register_batch_action(
    BatchAction(
        "move", gettext_lazy("Move to a state"), _batch_move, lambda: {"step": step_field()}
    )
)
register_batch_action(
    BatchAction("export", gettext_lazy("Export to a spreadsheet (XLSX)"), _batch_export)
)


@permission_required("funding.manage")
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications table: filters, sort, 60 rows a page, batch actions on ticked rows."""

    def build() -> dict[str, Any]:
        form = ApplicationFilterForm(request.GET or None, reviewers=selectors.reviewers())
        page = selectors.application_list(
            viewer=request.user, filters=form.filters(), page=request.GET.get("page") or 1
        )
        return {"form": form, "page": page, "batch": BatchForm(actions=BATCH_ACTIONS)}

    context = {
        # Read only when the kept table (`selectors.TABLE_CACHE`) must be rendered again.
        **cache.deferred(build, "form", "page", "batch"),
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "order")),
        "table_cache": selectors.TABLE_CACHE,
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/applications_list.html", context)


@require_POST
@permission_required("funding.manage")
def application_batch(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST, actions=BATCH_ACTIONS)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(batch_back_url(request))
    action = BATCH_ACTIONS[form.cleaned_data["action"]]
    chosen = selectors.filtered_applications(request.user, selectors.Filters()).filter(
        pk__in=form.cleaned_data["selected"]
    )
    return action.run(request, chosen, form.cleaned_data)
