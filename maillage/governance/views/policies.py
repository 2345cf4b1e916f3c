"""Policies: a policy's page, adoption, amendment, status."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import edit_page, form_redirect
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.governance import selectors, services
from maillage.governance.forms import PolicyForm, PolicyStatusForm
from maillage.governance.models import Policy
from maillage.governance.views._common import _circle, _form_page

_policy = one_of(Policy.objects.select_related("circle"))


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
    return form_redirect(
        request,
        form,
        lambda actor: services.policy_adopt(actor=actor, circle=circle, data=form.to_data()),
        success=_("The policy was adopted."),
        to=policy_url,
    ) or _form_page(
        request,
        form,
        title=_("New policy of “%(name)s”") % {"name": circle.name},
        group=circle,
        submit=_("Adopt the policy"),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_amend(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    return edit_page(
        request,
        policy,
        lambda data: PolicyForm(data, policy=policy),
        lambda actor, form, version: services.policy_amend(
            actor=actor,
            policy=policy,
            data=form.to_data(),
            note=form.cleaned_data["note"],
            version=version,
        ),
        success=lambda amended: (
            _("The policy was amended: version %(version)s.") % {"version": amended.version}
        ),
        to=policy_url(policy),
        page=_policy_page(
            request,
            policy,
            _("Amend the policy “%(title)s”"),
            intro=_("The current text is kept in the policy's history as an earlier version."),
        ),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_status(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    return edit_page(
        request,
        policy,
        lambda data: PolicyStatusForm(data, policy=policy),
        lambda actor, form, version: services.policy_set_status(
            actor=actor, policy=policy, **form.cleaned_data, version=version
        ),
        success=_("The policy's status was changed."),
        to=policy_url(policy),
        page=_policy_page(request, policy, _("Status of the policy “%(title)s”")),
    )


def _policy_page(
    request: HttpRequest, policy: Policy, title: str, intro: str = ""
) -> Callable[[forms.Form], HttpResponse]:
    """A policy's form page: `title` names it; cancelling goes back to it."""
    return partial(
        _form_page,
        request,
        title=title % {"title": policy.title},
        cancel=policy_url(policy),
        group=policy.circle,
        intro=intro,
    )
