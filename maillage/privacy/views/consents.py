"""The account's own consents, purpose by purpose."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.actors import actor_of
from maillage.core.permissions import permission_required
from maillage.privacy.forms.consents import ConsentsForm
from maillage.privacy.selectors.consents import consents_of
from maillage.privacy.services.consents import consents_set


@permission_required("privacy.view_consents")
def consents(request: HttpRequest) -> HttpResponse:
    account = actor_of(request)
    states = consents_of(account)
    form = ConsentsForm(
        request.POST or None, initial={state.purpose.value: state.given for state in states}
    )
    done = form_redirect(
        request,
        form,
        lambda actor: consents_set(actor=actor, account=account, answers=form.answers()),
        success=_("Your consents were saved."),
        to=reverse("privacy:consents"),
    )
    if done:
        return done
    context = {"form": form, "states": states}
    return render(request, "privacy/consents.html", context, status=form_status(form))
