"""Consultations: the public list and a consultation's page; for its managers, the forms that
create and amend it, set its phases, publish it and take it back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect, form_status
from maillage.core.cache import deferred
from maillage.core.formtools import data_from
from maillage.core.lookups import one_of
from maillage.core.models import in_language
from maillage.core.permissions import has_perm, permission_required
from maillage.governance.models import Strategy
from maillage.participation.forms.consultations import (
    ConsultationFilterForm,
    ConsultationForm,
    PhasesForm,
)
from maillage.participation.models import Consultation
from maillage.participation.selectors import consultations as selectors
from maillage.participation.selectors.consultations import LIST_CACHE
from maillage.participation.selectors.questionnaires import questionnaires_of
from maillage.participation.selectors.trail import is_following
from maillage.participation.services import consultations as services
from maillage.participation.services.consultations import ConsultationData

_consultation = one_of(Consultation.objects.select_related("circle", "workstream"), by="slug")


def consultation_url(consultation: Consultation) -> str:
    return reverse("participation:consultation_detail", kwargs={"slug": consultation.slug})


@permission_required("participation.browse_consultations")
def consultation_list(request: HttpRequest) -> HttpResponse:
    """The consultations a visitor may see, kept rendered (filters and rows) per audience until
    a consultation, its phases or what its cards name changes (`LIST_CACHE`): the rows are read
    only when the kept copy is missing."""
    strategies = list(Strategy.objects.order_by("position", "name_fr"))
    form = ConsultationFilterForm(request.GET or None, strategies=strategies)
    filters = form.filters()

    def build() -> dict[str, Any]:
        page = selectors.consultation_list(
            viewer=request.user,
            filters=selectors.ConsultationFilters(**filters),
            page=request.GET.get("page"),
        )
        return {"page": page, "rows": [(c, selectors.current_step(c)) for c in page.object_list]}

    context = {
        "form": form,
        **deferred(build, "page", "rows"),
        "may_create": has_perm(request.user, "participation.create_consultation"),
        "filtered": any(filters.values()),
        "list_cache": LIST_CACHE,
        # What the kept rows depend on: who sees which drafts, the filters, the page, the day.
        "audience": selectors.audience(request.user),
        "list_key": (sorted((k, str(getattr(v, "pk", v))) for k, v in filters.items())),
        "page_number": request.GET.get("page") or "1",
        "page_query": form.query(),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "participation/consultation_list.html", context)


@permission_required("participation.view_consultation", obj=_consultation)
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_detail(viewer=request.user, slug=slug)
    if consultation is None:
        raise Http404
    steps = selectors.timeline(consultation)
    may_manage = has_perm(request.user, "participation.manage_consultation", consultation)
    context = {
        "consultation": consultation,
        "steps": steps,
        "current": next((step for step in steps if step.current), None),
        "may_manage": may_manage,
        "report": _report(consultation),
        "may_answer": has_perm(request.user, "participation.answer_input", consultation),
        "questionnaires": questionnaires_of(consultation.pk, managed=may_manage),
        "following": is_following(request.user, consultation),
    }
    return render(request, "participation/consultation_detail.html", context)


def _report(consultation: Consultation) -> list[tuple[str, str]]:
    """The report back's parts that are written, each in the page's language if it has it."""
    parts = (
        (_("What we heard"), consultation.heard_fr, consultation.heard_en),
        (_("What was decided"), consultation.decided_fr, consultation.decided_en),
        (
            _("What was not retained, and why"),
            consultation.not_retained_fr,
            consultation.not_retained_en,
        ),
    )
    return [(heading, in_language(fr or en, en or fr)) for heading, fr, en in parts if fr or en]


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    consultation: Consultation | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "cancel_url": cancel_url,
        "consultation": consultation,
    }
    return render(
        request, "participation/consultation_form.html", context, status=form_status(form)
    )


def _data(form: ConsultationForm) -> ConsultationData:
    return data_from(ConsultationData, form.cleaned_data)


@permission_required("participation.create_consultation")
def consultation_create(request: HttpRequest) -> HttpResponse:
    circles, workstreams = selectors.groups_for(request.user)
    form = ConsultationForm(request.POST or None, circles=circles, workstreams=workstreams)
    return form_redirect(
        request,
        form,
        lambda actor: services.consultation_create(actor=actor, data=_data(form)),
        success=lambda c: (
            _("The consultation “%(title)s” was created as a draft. Now set its phases.")
            % {"title": c.title}
        ),
        to=lambda c: reverse("participation:consultation_phases", kwargs={"slug": c.slug}),
    ) or _form_page(
        request,
        form,
        title=_("New consultation"),
        submit=_("Create the consultation"),
        cancel_url=reverse("participation:consultation_list"),
    )


@permission_required("participation.manage_consultation", obj=_consultation)
def consultation_update(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug=slug)
    circles, workstreams = selectors.groups_for(request.user)
    return edit_page(
        request,
        consultation,
        lambda data: ConsultationForm(
            data, circles=circles, workstreams=workstreams, consultation=consultation
        ),
        lambda actor, form, version: services.consultation_update(
            actor=actor, consultation=consultation, data=_data(form), version=version
        ),
        success=_("The consultation was saved."),
        to=consultation_url(consultation),
        page=lambda form: _form_page(
            request,
            form,
            title=_("Change the consultation"),
            submit=_("Save"),
            cancel_url=consultation_url(consultation),
            consultation=consultation,
        ),
    )


@permission_required("participation.manage_consultation", obj=_consultation)
def consultation_phases(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug=slug)

    def page(form: PhasesForm) -> HttpResponse:
        status = form_status(form)
        if status == 200 and form.is_bound and not form.formset.is_valid():
            status = 400
        context: dict[str, Any] = {
            "form": form,
            "formset": form.formset,
            "consultation": consultation,
        }
        return render(request, "participation/consultation_phases.html", context, status=status)

    return edit_page(
        request,
        consultation,
        lambda data: PhasesForm(data, consultation=consultation),
        lambda actor, form, version: services.consultation_phases_set(
            actor=actor,
            consultation=consultation,
            phases=form.formset.phases(),
            version=version,
        ),
        success=_("The phases were saved."),
        to=consultation_url(consultation),
        page=page,
    )


@require_POST
@permission_required("participation.manage_consultation", obj=_consultation)
def consultation_publish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug=slug)
    return action_redirect(
        request,
        lambda actor: services.consultation_publish(actor=actor, consultation=consultation),
        success=_("The consultation is published: everyone can read it now."),
        to=consultation_url(consultation),
    )


@require_POST
@permission_required("participation.manage_consultation", obj=_consultation)
def consultation_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(request, slug=slug)
    return action_redirect(
        request,
        lambda actor: services.consultation_unpublish(actor=actor, consultation=consultation),
        success=_("The consultation is a draft again: only its group and the staff see it."),
        to=consultation_url(consultation),
    )
