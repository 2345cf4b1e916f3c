"""The administrators' page naming the person in charge."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.permissions import permission_required
from maillage.privacy.forms.officer import OfficerForm
from maillage.privacy.selectors import officer as selectors
from maillage.privacy.services.officer import officer_set


@permission_required("privacy.name_officer")
def officer_edit(request: HttpRequest) -> HttpResponse:
    current = selectors.current_officer()
    initial = {}
    if current is not None:
        initial = {
            "title": current.title,
            "contact_email": current.contact_email,
            "contact_phone": current.contact_phone,
            "account": current.account_id,
        }
    form = OfficerForm(request.POST or None, initial=initial)
    done = form_redirect(
        request,
        form,
        lambda actor: officer_set(actor=actor, **form.cleaned_data),
        success=_("The person in charge was named."),
        to=reverse("privacy:officer_edit"),
    )
    if done:
        return done
    context = {"form": form, "current": current, "history": selectors.officer_history()}
    return render(request, "privacy/officer_edit.html", context, status=form_status(form))
