"""The public privacy policy, its versions, its publication, and what changed for an account."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.permissions import has_perm, permission_required
from maillage.privacy.forms.policy import PolicyAcceptForm, PolicyForm
from maillage.privacy.selectors import officer as officer_selectors
from maillage.privacy.selectors import policy as selectors
from maillage.privacy.services.policy import policy_accept, policy_publish


@permission_required("privacy.view_policy")
def policy(request: HttpRequest) -> HttpResponse:
    context = {
        "policy": selectors.current_policy(),
        "officer": officer_selectors.published_contact(),
        "may_publish": has_perm(request.user, "privacy.publish_policy"),
    }
    return render(request, "privacy/policy.html", context)


@permission_required("privacy.view_policy")
def policy_versions(request: HttpRequest) -> HttpResponse:
    return render(
        request, "privacy/policy_versions.html", {"versions": selectors.policy_versions()}
    )


@permission_required("privacy.publish_policy")
def policy_publish_page(request: HttpRequest) -> HttpResponse:
    current = selectors.current_policy()
    initial = {}
    if current is not None:
        initial = {"text_fr": current.text_fr, "text_en": current.text_en}
    form = PolicyForm(request.POST or None, initial=initial)
    done = form_redirect(
        request,
        form,
        lambda actor: policy_publish(actor=actor, **form.cleaned_data),
        success=lambda version: (
            _("Version %(number)d of the policy is published.") % {"number": version.number}
        ),
        to=reverse("privacy:policy"),
    )
    if done:
        return done
    context = {"form": form, "current": current}
    return render(request, "privacy/policy_publish.html", context, status=form_status(form))


@permission_required("privacy.accept_policy")
def policy_changes(request: HttpRequest) -> HttpResponse:
    account = actor_of(request)
    changes = selectors.policy_changes_for(account)
    form = PolicyAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and changes.current is not None:
        if form.cleaned_data["version"] != changes.current.number:
            messages.warning(
                request, _("A new version was published meanwhile: read it before accepting it.")
            )
            return redirect("privacy:policy_changes")
        policy_accept(actor=account, version=changes.current)
        messages.success(request, _("Thank you: you accepted the privacy policy in force."))
        return redirect("core:my_space")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "privacy/policy_changes.html", {"changes": changes, "form": form}, status=status
    )
