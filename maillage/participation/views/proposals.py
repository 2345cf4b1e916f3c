"""A consultation's proposals: the list, one proposal's page with its supports and comments,
submitting a proposal, commenting and replying, supporting and withdrawing, the image, and a
person's own contributions. Every page works without JavaScript; the support button swaps its
block by HTMX."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import form_redirect, form_status, refusal_message
from maillage.core.actors import Actor, Viewer, actor_of
from maillage.core.htmx import is_htmx, render_page_or_fragment
from maillage.core.lookups import one_of
from maillage.core.models import User
from maillage.core.permissions import has_perm, permission_required, reason_for
from maillage.core.uploads import extension_of
from maillage.participation.forms.proposals import (
    MAX_KEY,
    CommentForm,
    ProposalFilterForm,
    ProposalForm,
)
from maillage.participation.models import Comment, Consultation, Proposal
from maillage.participation.rules.common import has_a_verified_address
from maillage.participation.selectors import proposals as selectors
from maillage.participation.selectors.trail import is_following, trail_steps
from maillage.participation.services import proposals as services

consultation_by_slug = one_of(Consultation.objects.prefetch_related("phases"), by="slug")
proposal_by_pk = one_of(
    Proposal.objects.select_related(
        "consultation", "territory", "routed_circle", "routed_workstream", "carried_by"
    )
)


def detail_url(proposal: Proposal) -> str:
    return reverse("participation:proposal_detail", args=[proposal.pk])


def list_url(consultation: Consultation) -> str:
    return reverse("participation:proposal_list", args=[consultation.slug])


def contribution_gate(request: HttpRequest, consultation: Consultation) -> HttpResponse | None:
    """None when the person may contribute now. Otherwise: the login page for a visitor, a page
    explaining how to confirm the address for an account without a confirmed one, the reason
    for anyone else (the consultation no longer gathers contributions)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_a_verified_address(request.user):
        context = {"consultation": consultation, "email": request.user.email}
        return render(request, "participation/proposal_confirm_email.html", context, status=403)
    if not has_perm(request.user, "participation.contribute", consultation):
        raise PermissionDenied(reason_for("participation.contribute"))
    return None


def _may(request: HttpRequest, consultation: Consultation) -> dict[str, bool]:
    user = request.user
    can_contribute = has_perm(user, "participation.contribute", consultation)
    return {
        "can_moderate": has_perm(user, "participation.moderate", consultation),
        "can_contribute": can_contribute,
        "can_record": has_perm(user, "participation.record_in_person", consultation),
        # Logged in without a confirmed address: the pages point to how to confirm it.
        "needs_address": not can_contribute
        and user.is_authenticated
        and not has_a_verified_address(user),
    }


@permission_required("participation.view_consultation", obj=consultation_by_slug)
def proposal_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The consultation's proposals, newest or most supported first, by territory, by pages."""
    consultation = consultation_by_slug(request, slug=slug)
    territories = selectors.territory_choices(consultation)
    filters = ProposalFilterForm(request.GET or None, territories=territories)
    chosen = filters.chosen() or {}
    rows = selectors.proposals_of(
        consultation, order=chosen.get("order") or "recent", territory=chosen.get("territory")
    )
    page = Paginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "consultation": consultation,
        "filters": filters,
        "page": page,
        **_may(request, consultation),
    }
    return render(request, "participation/proposal_list.html", context)


def _detail_context(request: HttpRequest, proposal: Proposal, **extra: Any) -> dict[str, Any]:
    thread = selectors.proposal_thread(proposal, request.user)
    user = request.user
    return {
        "consultation": proposal.consultation,
        "proposal": proposal,
        "comments": thread.comments,
        "supported": thread.supported,
        "comment_form": CommentForm(account_name=_account_name(user)),
        "can_see_image": bool(proposal.image)
        and has_perm(user, "participation.view_proposal_image", proposal),
        **_may(request, proposal.consultation),
        "steps": trail_steps(viewer=user, input=proposal),
        "following": is_following(user, proposal),
        "may_answer": has_perm(user, "participation.answer_input", proposal),
        **extra,
    }


def _account_name(user: Viewer) -> str:
    return user.get_full_name() if isinstance(user, User) else ""


@permission_required("participation.view_consultation", obj=proposal_by_pk)
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A proposal: its text and image, who proposed it, its supports and its comments."""
    proposal = proposal_by_pk(request, pk)
    return render(request, "participation/proposal_detail.html", _detail_context(request, proposal))


@permission_required("participation.view_proposal_image", obj=proposal_by_pk)
def proposal_image(request: HttpRequest, pk: int) -> FileResponse:
    """The proposal's image, shown in its page; a hidden proposal's to its moderators only."""
    proposal = proposal_by_pk(request, pk)
    if not proposal.image:
        raise Http404
    kind = next(
        (
            k
            for k in services.IMAGE_KINDS
            if extension_of(proposal.image.name or "") in k.extensions
        ),
        None,
    )
    if kind is None:
        raise Http404
    proposal.image.open("rb")
    response = FileResponse(proposal.image, content_type=kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


@permission_required("participation.view_consultation", obj=consultation_by_slug)
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit a proposal: title, text, territory, an image if wished, and how to appear."""
    consultation = consultation_by_slug(request, slug=slug)
    refused = contribution_gate(request, consultation)
    if refused:
        return refused
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        territories=selectors.territory_choices(consultation),
        account_name=_account_name(request.user),
    )
    done = form_redirect(
        request,
        form,
        lambda actor: services.proposal_submit(
            actor=actor,
            consultation=consultation,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            territory=form.cleaned_data.get("territory"),
            image=form.cleaned_data.get("image"),
            image_description=form.cleaned_data.get("image_description", ""),
            signature=form.cleaned_data["signature"],
            display_name=form.cleaned_data["display_name"],
        ),
        success=_("Thank you! Your proposal is published. It is sent to the group that asked."),
        to=detail_url,
    )
    if done:
        return done
    context = {"consultation": consultation, "form": form}
    return render(request, "participation/proposal_form.html", context, status=form_status(form))


def comment_parent(proposal: Proposal, raw: Any) -> Comment | None:
    """The comment replied to, when it is one of the proposal's (else none: a plain comment)."""
    try:
        key = int(raw)
    except (TypeError, ValueError):
        return None
    if not 0 < key <= MAX_KEY:
        return None
    return Comment.objects.filter(proposal=proposal, pk=key).first()


@permission_required("participation.view_consultation", obj=proposal_by_pk)
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment on a proposal, or reply to a comment (`parent`), on a page of its own."""
    proposal = proposal_by_pk(request, pk)
    refused = contribution_gate(request, proposal.consultation)
    if refused:
        return refused
    parent = comment_parent(proposal, request.POST.get("parent") or request.GET.get("parent"))
    form = CommentForm(
        request.POST or None,
        initial={"parent": parent.pk if parent else None},
        account_name=_account_name(request.user),
    )
    return comment_page(
        request,
        proposal,
        parent,
        form,
        lambda actor: services.comment_add(
            actor=actor,
            proposal=proposal,
            parent=parent,
            text=form.cleaned_data["text"],
            signature=form.cleaned_data["signature"],
            display_name=form.cleaned_data["display_name"],
        ),
        success=_("Thank you! Your comment is published."),
    )


def comment_page(
    request: HttpRequest,
    proposal: Proposal,
    parent: Comment | None,
    form: forms.Form,
    write: Callable[[Actor], Comment],
    *,
    success: str,
    in_person: bool = False,
) -> HttpResponse:
    """A comment's page of its own, online or gathered in person: written, back to it in the
    proposal's page; refused, the form again with what was typed."""
    done = form_redirect(
        request,
        form,
        write,
        success=success,
        to=lambda comment: f"{detail_url(proposal)}#comment-{comment.pk}",
    )
    if done:
        return done
    context = {
        "consultation": proposal.consultation,
        "proposal": proposal,
        "parent": parent,
        "form": form,
        "in_person": in_person,
        "can_moderate": has_perm(request.user, "participation.moderate", proposal.consultation),
    }
    return render(request, "participation/proposal_comment.html", context, status=form_status(form))


def _support_answer(request: HttpRequest, proposal: Proposal, error: str = "") -> HttpResponse:
    """After a support given or withdrawn: the support block for HTMX, else back to the page."""
    if is_htmx(request):
        proposal.refresh_from_db(fields=["support_count"])
        context = _detail_context(request, proposal, support_error=error)
        return render_page_or_fragment(
            request, "participation/proposal_detail.html", "support", context
        )
    return redirect(f"{detail_url(proposal)}#support")


def _support_change(request: HttpRequest, pk: int, give: bool) -> HttpResponse:
    proposal = proposal_by_pk(request, pk)
    refused = contribution_gate(request, proposal.consultation)
    if refused:
        return refused
    change = services.support_give if give else services.support_withdraw
    try:
        change(actor=actor_of(request), proposal=proposal)
    except ValidationError as error:
        message = refusal_message(error)
        if not is_htmx(request):
            messages.error(request, message)
        return _support_answer(request, proposal, message)
    if not is_htmx(request):
        said = _("Your support is counted.") if give else _("Your support is withdrawn.")
        messages.success(request, said)
    return _support_answer(request, proposal)


@require_POST
@permission_required("participation.view_consultation", obj=proposal_by_pk)
def support_give(request: HttpRequest, pk: int) -> HttpResponse:
    """Support a proposal (once per person)."""
    return _support_change(request, pk, give=True)


@require_POST
@permission_required("participation.view_consultation", obj=proposal_by_pk)
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's support."""
    return _support_change(request, pk, give=False)


@permission_required("participation.view_my_contributions")
def my_contributions(request: HttpRequest) -> HttpResponse:
    """The person's proposals, with where each stands on the influence trail, and comments."""
    user = actor_of(request)
    context = {
        "proposals": Paginator(selectors.my_proposals(user), 50).get_page(request.GET.get("page")),
        "comments": selectors.my_comments(user)[:50],
    }
    return render(request, "participation/proposal_mine.html", context)
