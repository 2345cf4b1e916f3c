"""Funds and envelopes (staff): the list, a fund's page with its envelopes' balances, the forms
that create them and move money between them, the split among territories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import edit_page, form_redirect, form_status
from maillage.core.forms import apply_errors
from maillage.core.permissions import permission_required
from maillage.funding.forms.funds import (
    CarryOverForm,
    EnvelopeForm,
    FundForm,
    SplitForm,
    TransferForm,
)
from maillage.funding.models import Fund
from maillage.funding.models._common import dollars
from maillage.funding.selectors.funds import fund_detail as read_fund_detail
from maillage.funding.selectors.funds import fund_list as read_fund_list
from maillage.funding.services import funds as services


def _fund(request: HttpRequest, slug: str) -> Fund:
    return get_object_or_404(Fund, slug=slug)


def fund_url(fund: Fund) -> str:
    return reverse("funding:fund_detail", kwargs={"slug": fund.slug})


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    fund: Fund | None = None,
    intro: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "cancel_url": cancel_url,
        "fund": fund,
        "intro": intro,
    }
    return render(request, "funding/funds_form.html", context, status=form_status(form))


@permission_required("funding.manage")
def fund_list(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/funds_list.html", {"funds": read_fund_list()})


@permission_required("funding.manage")
def fund_create(request: HttpRequest) -> HttpResponse:
    form = FundForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.fund_create(actor=actor, **form.cleaned_data),
        success=lambda fund: _("The fund “%(name)s” was created.") % {"name": fund.name},
        to=fund_url,
    ) or _form_page(
        request,
        form,
        title=_("New fund"),
        submit=_("Create the fund"),
        cancel_url=reverse("funding:fund_list"),
    )


@permission_required("funding.manage")
def fund_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detail = read_fund_detail(_fund(request, slug))
    return render(request, "funding/funds_detail.html", {"detail": detail, "fund": detail.fund})


@permission_required("funding.manage")
def fund_update(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _fund(request, slug)
    names = list(FundForm.base_fields)
    return edit_page(
        request,
        fund,
        lambda data: FundForm(data, initial={n: getattr(fund, n) for n in names}),
        lambda actor, form, version: services.fund_update(
            actor=actor, fund=fund, version=version, **form.cleaned_data
        ),
        success=_("The fund was amended."),
        to=fund_url(fund),
        page=lambda form: _form_page(
            request,
            form,
            title=_("Amend the fund “%(name)s”") % {"name": fund.name},
            submit=_("Save"),
            cancel_url=fund_url(fund),
            fund=fund,
        ),
    )


@permission_required("funding.manage")
def envelope_create(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _fund(request, slug)
    form = EnvelopeForm(request.POST or None, fund=fund)
    return form_redirect(
        request,
        form,
        lambda actor: services.envelope_create(actor=actor, fund=fund, **form.cleaned_data),
        success=lambda envelope: (
            _("The envelope “%(envelope)s” was created.") % {"envelope": envelope}
        ),
        to=fund_url(fund),
    ) or _form_page(
        request,
        form,
        title=_("New envelope of “%(name)s”") % {"name": fund.name},
        submit=_("Create the envelope"),
        cancel_url=fund_url(fund),
        fund=fund,
    )


@permission_required("funding.manage")
def envelope_transfer(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _fund(request, slug)
    form = TransferForm(request.POST or None, fund=fund)
    return form_redirect(
        request,
        form,
        lambda actor: services.envelope_transfer(actor=actor, **form.cleaned_data),
        success=lambda moved: (
            _("%(amount)s moved from “%(source)s” to “%(target)s”.")
            % {
                "amount": dollars(moved[0].amount),
                "source": moved[0].envelope,
                "target": moved[1].envelope,
            }
        ),
        to=fund_url(fund),
    ) or _form_page(
        request,
        form,
        title=_("Transfer between envelopes"),
        intro=_("Only money not committed to projects may leave an envelope."),
        submit=_("Transfer"),
        cancel_url=fund_url(fund),
        fund=fund,
    )


@permission_required("funding.manage")
def envelope_carry_over(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _fund(request, slug)
    form = CarryOverForm(request.POST or None, fund=fund)
    return form_redirect(
        request,
        form,
        lambda actor: services.envelope_carry_over(actor=actor, **form.cleaned_data),
        success=lambda moved: (
            _("%(amount)s carried over to “%(target)s”.")
            % {"amount": dollars(moved[0].amount), "target": moved[1].envelope}
        ),
        to=fund_url(fund),
    ) or _form_page(
        request,
        form,
        title=_("Carry over to the next fiscal year"),
        intro=_(
            "What is not committed in the envelope goes to the envelope of the same territory "
            "and stream the next fiscal year (created if needed)."
        ),
        submit=_("Carry over"),
        cancel_url=fund_url(fund),
        fund=fund,
    )


def _split_values(form: SplitForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "amount": data["amount"],
        "method": data["method"],
        "territories": list(data["territories"]),
        "regional_percent": data["regional_percent"],
        "weights": form.weights(),
    }


@permission_required("funding.manage")
def fund_split(request: HttpRequest, slug: str) -> HttpResponse:
    """The split's parameters (GET) show its preview, line by line with the arithmetic; the
    same parameters sent by POST record it."""
    fund = _fund(request, slug)
    preview = None
    if request.method == "POST":
        form = SplitForm(request.POST, fund=fund)
        done = form_redirect(
            request,
            form,
            lambda actor: services.fund_split(
                actor=actor,
                fund=fund,
                stream=form.cleaned_data["stream"],
                fiscal_year=form.cleaned_data["fiscal_year"],
                region=form.cleaned_data["region"],
                **_split_values(form),
            ),
            success=lambda split: (
                _("%(amount)s split among %(count)d territories.")
                % {"amount": dollars(split.amount), "count": len(split.lines)}
            ),
            to=fund_url(fund),
        )
        if done:
            return done
    else:
        form = SplitForm(request.GET or None, fund=fund)
        if form.is_bound and form.is_valid():
            try:
                preview = services.split_preview(**_split_values(form))
            except ValidationError as error:
                apply_errors(form, error)
    context = {
        "fund": fund,
        "form": form,
        "preview": preview,
        # The preview's parameters, sent again by its button to record it.
        "posted": [(name, request.GET.getlist(name)) for name in request.GET],
    }
    status = form_status(form) if request.method == "POST" or form.errors else 200
    return render(request, "funding/funds_split.html", context, status=status)
