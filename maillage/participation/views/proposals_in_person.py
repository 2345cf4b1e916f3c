"""Contributions gathered in person (a meeting, a kitchen table, a paper form, a phone call),
recorded by partners and staff on someone's behalf with the consent they gave."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from maillage.core.actions import form_redirect, form_status
from maillage.core.permissions import permission_required
from maillage.participation.forms.proposals import (
    InPersonCommentForm,
    InPersonProposalForm,
    InPersonSupportForm,
)
from maillage.participation.selectors.proposals import territory_choices
from maillage.participation.services import proposals as services
from maillage.participation.views.proposals import (
    comment_page,
    comment_parent,
    consultation_by_slug,
    detail_url,
    proposal_by_pk,
)


@permission_required("participation.record_in_person", obj=consultation_by_slug)
def proposal_record(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a proposal gathered in person."""
    consultation = consultation_by_slug(request, slug=slug)
    form = InPersonProposalForm(request.POST or None, territories=territory_choices(consultation))
    done = form_redirect(
        request,
        form,
        lambda actor: services.proposal_record(
            actor=actor,
            consultation=consultation,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            territory=form.cleaned_data.get("territory"),
            display_name=form.cleaned_data["display_name"],
            channel=form.cleaned_data["channel"],
            consent=form.cleaned_data["consent"],
        ),
        success=_("The proposal gathered in person is recorded and published."),
        to=detail_url,
    )
    if done:
        return done
    context = {"consultation": consultation, "form": form, "in_person": True}
    return render(request, "participation/proposal_form.html", context, status=form_status(form))


@permission_required("participation.record_in_person", obj=proposal_by_pk)
def comment_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a comment (or a reply) gathered in person."""
    proposal = proposal_by_pk(request, pk)
    parent = comment_parent(proposal, request.POST.get("parent") or request.GET.get("parent"))
    form = InPersonCommentForm(
        request.POST or None, initial={"parent": parent.pk if parent else None}
    )
    return comment_page(
        request,
        proposal,
        parent,
        form,
        lambda actor: services.comment_record(
            actor=actor,
            proposal=proposal,
            parent=parent,
            text=form.cleaned_data["text"],
            display_name=form.cleaned_data["display_name"],
            channel=form.cleaned_data["channel"],
            consent=form.cleaned_data["consent"],
        ),
        success=_("The comment gathered in person is recorded and published."),
        in_person=True,
    )


@permission_required("participation.record_in_person", obj=proposal_by_pk)
def support_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a support gathered in person."""
    proposal = proposal_by_pk(request, pk)
    form = InPersonSupportForm(request.POST or None)
    done = form_redirect(
        request,
        form,
        lambda actor: services.support_record(
            actor=actor,
            proposal=proposal,
            channel=form.cleaned_data["channel"],
            consent=form.cleaned_data["consent"],
        ),
        success=_("The support gathered in person is counted."),
        to=lambda support: f"{detail_url(proposal)}#support",
    )
    if done:
        return done
    context = {"consultation": proposal.consultation, "proposal": proposal, "form": form}
    return render(
        request, "participation/proposal_support_record.html", context, status=form_status(form)
    )
