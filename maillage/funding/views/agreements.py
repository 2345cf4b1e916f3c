"""Agreements: staff prepare one from an accepted application, record its signature, follow
its payments and review its reports; the funded organization reads it and submits its
reports; the agreement's PDF; the staff's follow-up of reports and payments due."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, form_redirect, form_status
from maillage.core.actors import Viewer, actor_of
from maillage.core.forms import apply_errors
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required
from maillage.core.uploads import download_response
from maillage.funding import agreements_pdf, workflows
from maillage.funding.forms.agreements import (
    AgreementForm,
    CancelForm,
    InstalmentFormSet,
    PaymentActionForm,
    ReportFormSet,
    ReportReviewForm,
    ReportSubmitForm,
    SignatoryFormSet,
    SignForm,
)
from maillage.funding.models import Agreement, Application, Payment, Report
from maillage.funding.selectors import agreements as selectors
from maillage.funding.services import agreements as services
from maillage.funding.services.agreements import reminder_days


def _agreement(request: HttpRequest, pk: int, **kwargs: Any) -> Agreement:
    found = selectors.agreement_by_pk(pk)
    if found is None:
        raise Http404
    return found


def _application(request: HttpRequest, pk: int, **kwargs: Any) -> Application:
    found = selectors.accepted_application(pk)
    if found is None:
        raise Http404
    return found


def _report(request: HttpRequest, pk: int, **kwargs: Any) -> Report:
    found = selectors.report_for(pk)
    if found is None:
        raise Http404
    return found


def _payment(request: HttpRequest, pk: int, **kwargs: Any) -> Payment:
    found = selectors.payment_for(pk)
    if found is None:
        raise Http404
    return found


# The staff's follow-up


@permission_required("funding.manage")
def agreement_followup(request: HttpRequest) -> HttpResponse:
    """Reports due soon or late, reports to review, payments due, approved or held."""
    days = reminder_days()
    followup = selectors.followup(today=timezone.localdate(), days=days)
    return render(request, "funding/agreements_followup.html", {"followup": followup, "days": days})


# Preparing an agreement


def _rows(formset: forms.BaseFormSet[Any]) -> list[Any]:
    """The rows of a valid formset that were filled."""
    return [f.as_data() for f in formset.forms if f.has_changed() and f.cleaned_data]


@permission_required("funding.manage", obj=_application)
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(
        data,
        initial={
            "conditions": application.conditions,
            "end_date": application.end_date,
            "start_date": application.start_date,
        },
    )
    signatories = SignatoryFormSet(
        data,
        prefix="signatories",
        initial=[{"organization": application.organization.name}],
    )
    instalments = InstalmentFormSet(data, prefix="instalments")
    reports = ReportFormSet(
        data,
        prefix="reports",
        initial=[{"kind": "progress"}, {"kind": "final", "due_on": None}],
    )
    formsets: dict[str, forms.BaseFormSet[Any]] = {
        "signatories": signatories,
        "instalments": instalments,
        "reports": reports,
    }
    status = 200
    if data is not None:
        status = 400
        if form.is_valid() and all(f.is_valid() for f in formsets.values()):
            try:
                agreement = services.agreement_create(
                    actor=actor_of(request),
                    application=application,
                    start_date=form.cleaned_data["start_date"],
                    end_date=form.cleaned_data["end_date"],
                    conditions=form.cleaned_data["conditions"],
                    signatories=_rows(signatories),
                    instalments=_rows(instalments),
                    reports=_rows(reports),
                )
            except ValidationError as error:
                errors = getattr(error, "error_dict", {})
                for name, formset in formsets.items():
                    if name in errors:
                        # The refusal of the whole list, said above its rows.
                        formset.non_form_errors().extend(ValidationError(errors.pop(name)).messages)
                if errors or not hasattr(error, "error_dict"):
                    apply_errors(form, ValidationError(errors) if errors else error)
                elif not form.errors:
                    form.add_error(None, _("Please correct the errors below."))
            else:
                messages.success(
                    request,
                    _("The agreement %(number)s was prepared.") % {"number": agreement.number},
                )
                return redirect(selectors.agreement_url(agreement))
    context = {"application": application, "form": form, **formsets}
    return render(request, "funding/agreements_create.html", context, status=status)


# The agreement's page


def _submittable(viewer: Viewer, reports: list[Report]) -> set[int]:
    """The reports `viewer` may submit. The permission depends on the report only through its
    state: it is asked once for the reports still owed, not once per report."""
    owed = [r for r in reports if r.state in workflows.REPORT.keys_tagged(workflows.EDITABLE)]
    if owed and has_perm(viewer, "funding.submit_report", owed[0]):
        return {r.pk for r in owed}
    return set()


def _detail_page(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    sign_form: SignForm | None = None,
    cancel_form: CancelForm | None = None,
    payment_form: tuple[int, PaymentActionForm] | None = None,
) -> HttpResponse:
    detail = selectors.agreement_detail(request.user, pk)
    if detail is None:
        raise Http404
    agreement = detail.agreement
    payment_forms = {}
    if detail.manage:
        for payment in detail.payments:
            payment_forms[payment.pk] = PaymentActionForm(
                initial={"paid_on": timezone.localdate()}, prefix=f"payment-{payment.pk}"
            )
        if payment_form is not None:
            payment_forms[payment_form[0]] = payment_form[1]
    context = {
        "detail": detail,
        "agreement": agreement,
        "application": agreement.application,
        "sign_form": sign_form or SignForm(initial={"signed_on": timezone.localdate()}),
        "cancel_form": cancel_form or CancelForm(),
        "payment_rows": [(p, payment_forms.get(p.pk)) for p in detail.payments],
        "closing_refusal": services.closing_refusal(agreement)
        if detail.manage and agreement.state == "active"
        else None,
        "can_submit": _submittable(request.user, detail.reports),
    }
    return render(request, "funding/agreements_detail.html", context, status=status)


@permission_required("funding.view_agreement", obj=_agreement)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


@permission_required("funding.view_agreement", obj=_agreement)
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    detail = selectors.agreement_detail(request.user, pk)
    if detail is None:
        raise Http404
    response = HttpResponse(agreements_pdf.pdf(detail), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="convention-{agreement.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _agreement_form(
    request: HttpRequest,
    pk: int,
    form: SignForm | CancelForm,
    act: Callable[[User, dict[str, Any]], Agreement],
    *,
    success: str,
) -> HttpResponse:
    """One of the agreement's forms sent: done, back to its page; refused, its page again with
    the form as typed and its errors."""
    agreement = _agreement(request, pk)
    done = form_redirect(
        request,
        form,
        lambda actor: act(actor, form.cleaned_data),
        success=success,
        to=selectors.agreement_url(agreement),
    )
    return done or _detail_page(
        request,
        pk,
        status=form_status(form),
        sign_form=form if isinstance(form, SignForm) else None,
        cancel_form=form if isinstance(form, CancelForm) else None,
    )


@permission_required("funding.manage", obj=_agreement)
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    return _agreement_form(
        request,
        pk,
        SignForm(request.POST),
        lambda actor, data: services.agreement_sign(
            actor=actor, agreement=agreement, signed_on=data["signed_on"]
        ),
        success=_("The signatures were recorded."),
    )


@permission_required("funding.manage", obj=_agreement)
@require_POST
def agreement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    return _agreement_form(
        request,
        pk,
        CancelForm(request.POST),
        lambda actor, data: services.agreement_cancel(
            actor=actor, agreement=agreement, reason=data["reason"]
        ),
        success=_("The agreement is cancelled; the money not paid went back to its envelope."),
    )


@permission_required("funding.manage", obj=_agreement)
@require_POST
def agreement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the project (a signed agreement) or close the agreement."""
    agreement = _agreement(request, pk)
    step = request.POST.get("step", "")
    actions = {"activate": services.agreement_activate, "close": services.agreement_close}
    if step not in actions:
        messages.error(request, _("Unknown action."))
        return redirect(selectors.agreement_url(agreement))

    def act(actor: User) -> Agreement:
        return actions[step](actor=actor, agreement=agreement)

    return action_redirect(
        request,
        act,
        success=_("Done: the agreement moved on."),
        to=selectors.agreement_url(agreement),
    )


@permission_required("funding.manage", obj=_payment)
@require_POST
def agreement_payment(request: HttpRequest, pk: int) -> HttpResponse:
    """A payment's action: approve, record as paid, hold with a reason, release."""
    payment = _payment(request, pk)
    form = PaymentActionForm(request.POST, prefix=f"payment-{payment.pk}")
    to = selectors.agreement_url(payment.agreement) + f"#payment-{payment.pk}"

    def act(actor: User) -> Payment:
        step = form.cleaned_data["step"]
        if step == "approve":
            return services.payment_approve(actor=actor, payment=payment)
        if step == "pay":
            return services.payment_pay(
                actor=actor, payment=payment, paid_on=form.cleaned_data["paid_on"]
            )
        if step == "hold":
            return services.payment_hold(
                actor=actor, payment=payment, reason=form.cleaned_data["reason"]
            )
        return services.payment_release(actor=actor, payment=payment)

    done = form_redirect(request, form, act, success=_("Done: the payment moved on."), to=to)
    if done:
        return done
    if form.has_error("step"):
        messages.error(request, _("Unknown action."))
        return redirect(to)
    if form.non_field_errors() and not (form.has_error("paid_on") or form.has_error("reason")):
        # A refusal of the action itself (a condition not met, the money): said at the top.
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        return redirect(to)
    return _detail_page(
        request, payment.agreement_id, status=form_status(form), payment_form=(payment.pk, form)
    )


# Reports


def _report_page(
    request: HttpRequest,
    report: Report,
    *,
    status: int = 200,
    submit_form: ReportSubmitForm | None = None,
    review_form: ReportReviewForm | None = None,
) -> HttpResponse:
    manage = has_perm(request.user, "funding.manage")
    context = {
        "report": report,
        "agreement": report.agreement,
        "application": report.agreement.application,
        "can_submit": has_perm(request.user, "funding.submit_report", report),
        "submit_form": submit_form or ReportSubmitForm(initial={"text": report.text}),
        "review_form": (review_form or ReportReviewForm())
        if manage and report.state == "submitted"
        else None,
    }
    return render(request, "funding/agreements_report.html", context, status=status)


@permission_required("funding.view_agreement", obj=_report)
def agreement_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, _report(request, pk))


@permission_required("funding.submit_report", obj=_report)
def agreement_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportSubmitForm(request.POST or None, request.FILES or None)
    done = form_redirect(
        request,
        form,
        lambda actor: services.report_submit(
            actor=actor,
            report=report,
            text=form.cleaned_data["text"],
            file=form.cleaned_data["file"] or None,
        ),
        success=_("Your report was submitted; coordination staff will review it."),
        to=reverse("funding:agreement_report", args=[report.pk]),
    )
    return done or _report_page(request, report, status=form_status(form), submit_form=form)


@permission_required("funding.manage", obj=_report)
@require_POST
def agreement_report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReportReviewForm(request.POST)
    done = form_redirect(
        request,
        form,
        lambda actor: services.report_review(
            actor=actor,
            report=report,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        ),
        success=_("Done: the report was reviewed and the organization told."),
        to=reverse("funding:agreement_report", args=[report.pk]),
    )
    return done or _report_page(request, report, status=form_status(form), review_form=form)


@permission_required("funding.view_agreement", obj=_report)
def agreement_report_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    if not report.file:
        raise Http404
    filename = report.filename or "rapport"
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return download_response(report.file, filename=filename, content_type=content_type)
