"""Policies: a policy's page, adoption, amendment, status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.permissions import permission_required
from maillage.governance import selectors, services
from maillage.governance.forms import PolicyForm, PolicyStatusForm
from maillage.governance.models import Policy
from maillage.governance.views._common import _cached, _circle, _form_page, circle_url


def _policy(request: HttpRequest, pk: int, **_kwargs: Any) -> Policy:
    return _cached(
        request,
        ("policy", pk),
        lambda: get_object_or_404(Policy.objects.select_related("circle"), pk=pk),
    )


@permission_required("governance.view_circle")
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.policy_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    context = {"detail": detail, "policy": detail.policy, "circle": detail.policy.circle}
    return render(request, "governance/policy_detail.html", context)


def policy_url(policy: Policy) -> str:
    return reverse("governance:policy_detail", kwargs={"pk": policy.pk})


@permission_required("governance.amend_policies", obj=_circle)
def policy_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    form = PolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_adopt(
                actor=actor_of(request), circle=circle, data=form.to_data()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The policy was adopted."))
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("New policy of “%(name)s”") % {"name": circle.name},
        cancel=circle_url(circle),
        group=circle,
        submit=_("Adopt the policy"),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_amend(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    initial = {"title": policy.title, "text": policy.text, "review_date": policy.review_date}
    form = PolicyForm(request.POST or None, amend=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_amend(
                actor=actor_of(request),
                policy=policy,
                data=form.to_data(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The policy was amended: version %(version)s.") % {"version": policy.version},
            )
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("Amend the policy “%(title)s”") % {"title": policy.title},
        cancel=policy_url(policy),
        group=policy.circle,
        intro=_("The current text is kept in the policy's history as an earlier version."),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_status(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    form = PolicyStatusForm(request.POST or None, initial={"status": policy.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.policy_set_status(
                actor=actor_of(request),
                policy=policy,
                status=data["status"],
                review_date=data["review_date"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The policy's status was changed."))
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("Status of the policy “%(title)s”") % {"title": policy.title},
        cancel=policy_url(policy),
        group=policy.circle,
    )
