"""A person's requests about their information, and the handlers' queue (with the thirty days'
deadline), a request's page and its transitions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import form_redirect, refusal_message
from maillage.core.actors import actor_of
from maillage.core.permissions import has_perm, permission_required
from maillage.privacy.forms.requests import RefuseForm, RequestForm
from maillage.privacy.models import Request
from maillage.privacy.selectors import requests as selectors
from maillage.privacy.services import requests as services
from maillage.privacy.workflows import HANDLER, REQUEST


def _url(item: Request) -> str:
    return reverse("privacy:request_detail", kwargs={"pk": item.pk})


@permission_required("privacy.request_create")
def request_create(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else None
    form = RequestForm(request.POST or None, initial=initial)
    return form_redirect(
        request,
        form,
        lambda actor: services.request_create(actor=actor, **form.cleaned_data),
        success=_("Your request was received. We answer it within thirty days."),
        to=_url,
    ) or render(
        request,
        "privacy/requests/create.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_required("privacy.handle_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("statut", "")
    page = selectors.request_queue(
        viewer=request.user, status=status, page=request.GET.get("page", 1)
    )
    context = {"page": page, "status": status, "statuses": REQUEST.choices}
    return render(request, "privacy/requests/list.html", context)


def _get(request: HttpRequest, pk: int) -> Request:
    item = selectors.request_detail(viewer=request.user, pk=pk)
    if item is None:
        raise Http404
    return item


def _find(request: HttpRequest, pk: int, **kwargs: object) -> Request:
    item = Request.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


@permission_required("privacy.view_request", obj=_find)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    handling = has_perm(request.user, "privacy.handle_requests")
    transitions = REQUEST.available(item.status, {HANDLER}) if handling else []
    context = {
        "item": item,
        "handling": handling,
        "status_label": REQUEST.label(item.status),
        "transitions": [t for t in transitions if t.key != "refuse"],
        "may_refuse": any(t.key == "refuse" for t in transitions),
        "refuse_form": RefuseForm(),
        "may_anonymize": has_perm(request.user, "privacy.anonymize_account"),
    }
    return render(request, "privacy/requests/detail.html", context)


@permission_required("privacy.handle_requests")
@require_POST
def request_transition(request: HttpRequest, pk: int, transition: str) -> HttpResponse:
    item = _get(request, pk)
    form = RefuseForm(request.POST) if transition == "refuse" else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Say why the request is refused."))
        return redirect(_url(item) + "#refuse")
    try:
        services.request_transition(
            actor=actor_of(request),
            request=item,
            transition=transition,
            reason=form.cleaned_data["reason"] if form is not None else "",
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect(_url(item))
    messages.success(request, _("The request's status was changed."))
    return redirect(_url(item))
