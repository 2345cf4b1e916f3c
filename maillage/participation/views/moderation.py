"""Moderation pages: report a contribution, the moderators' queue, hide, restore or dismiss, a
group's moderators, and the public code of conduct."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, back_to, edit_page, form_redirect, form_status
from maillage.core.models import User
from maillage.core.permissions import permission_required
from maillage.governance.models import Circle, Workstream
from maillage.participation.forms.moderation import HideForm, ModeratorForm, ReportForm
from maillage.participation.models import Comment, Moderator, Proposal
from maillage.participation.selectors import moderation as selectors
from maillage.participation.services import moderation as services

_MODELS: dict[str, type[Proposal] | type[Comment]] = {"proposal": Proposal, "comment": Comment}


def _contribution(request: HttpRequest, kind: str, pk: int) -> Proposal | Comment:
    model = _MODELS.get(kind)
    if model is None:
        raise Http404
    if model is Proposal:
        return get_object_or_404(Proposal.objects.select_related("consultation"), pk=pk)
    return get_object_or_404(Comment.objects.select_related("proposal__consultation"), pk=pk)


def _group(request: HttpRequest, circle: str = "", workstream: str = "") -> Circle | Workstream:
    if circle:
        return get_object_or_404(Circle, slug=circle)
    return get_object_or_404(Workstream, slug=workstream)


def _queue_url() -> str:
    return reverse("participation:moderation_queue")


@permission_required("participation.report", obj=_contribution)
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    contribution = _contribution(request, kind, pk)
    form = ReportForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.report_file(
            actor=actor,
            proposal=contribution if isinstance(contribution, Proposal) else None,
            comment=contribution if isinstance(contribution, Comment) else None,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        ),
        success=_("Your report was sent."),
        to=reverse("participation:report_thanks"),
    ) or render(
        request,
        "participation/moderation_report.html",
        {"form": form, "contribution": contribution, "kind": kind},
        status=form_status(form),
    )


@permission_required("core.view_public")
def report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/moderation_report_thanks.html")


@permission_required("participation.view_moderation_queue")
def moderation_queue(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", selectors.Tab.OPEN)
    if tab not in selectors.Tab.ALL:
        tab = selectors.Tab.OPEN
    page = selectors.moderation_queue(request.user, tab=tab, page=request.GET.get("page"))
    tabs = [
        (selectors.Tab.OPEN, _("To look at")),
        (selectors.Tab.HIDDEN, _("Hidden")),
        (selectors.Tab.HANDLED, _("Handled reports")),
    ]
    return render(
        request,
        "participation/moderation_queue.html",
        {"page": page, "tab": tab, "tabs": tabs, "hide_form": HideForm()},
    )


@permission_required("participation.moderate", obj=_contribution)
def hide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The hide form: on its own page without JavaScript (and when the reason is missing, or
    the contribution changed since the form was opened)."""
    contribution = _contribution(request, kind, pk)
    return edit_page(
        request,
        contribution,
        HideForm,
        lambda actor, form, version: services.contribution_hide(
            actor=actor,
            contribution=contribution,
            reason=form.cleaned_data["reason"],
            version=version,
        ),
        success=_("The contribution is hidden; its author was told why."),
        to=back_to(request, _queue_url()),
        page=lambda form: render(
            request,
            "participation/moderation_hide.html",
            {
                "form": form,
                "contribution": contribution,
                "kind": kind,
                "next": back_to(request, ""),
            },
            status=form_status(form),
        ),
    )


@require_POST
@permission_required("participation.moderate", obj=_contribution)
def restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    contribution = _contribution(request, kind, pk)
    return action_redirect(
        request,
        lambda actor: services.contribution_restore(actor=actor, contribution=contribution),
        success=_("The contribution is shown again."),
        to=back_to(request, _queue_url()),
    )


@require_POST
@permission_required("participation.moderate", obj=_contribution)
def dismiss(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    contribution = _contribution(request, kind, pk)
    return action_redirect(
        request,
        lambda actor: services.reports_dismiss(actor=actor, contribution=contribution),
        success=_("The reports are dismissed; the contribution stays."),
        to=back_to(request, _queue_url()),
    )


def _moderators_url(group: Circle | Workstream, name: str = "moderator_add") -> str:
    key = "circle" if isinstance(group, Circle) else "workstream"
    return reverse(f"participation:{name}", kwargs={key: group.slug})


@permission_required("participation.name_moderators", obj=_group)
def moderators(request: HttpRequest, **key: str) -> HttpResponse:
    group = _group(request, **key)
    form = ModeratorForm(request.POST or None, group=group)
    return form_redirect(
        request,
        form,
        lambda actor: services.moderator_name(actor=actor, group=group, account=form.account()),
        success=lambda moderator: (
            _("%(name)s now moderates this group's consultations.")
            % {"name": moderator.account.get_full_name()}
        ),
        to=_moderators_url(group),
    ) or render(
        request,
        "participation/moderation_moderators.html",
        {
            "group": group,
            "form": form,
            "moderators": selectors.moderators_of(group),
            "remove_url": _moderators_url(group, "moderator_remove"),
        },
        status=form_status(form),
    )


@require_POST
@permission_required("participation.name_moderators", obj=_group)
def moderator_remove(request: HttpRequest, **key: str) -> HttpResponse:
    group = _group(request, **key)
    field = "circle" if isinstance(group, Circle) else "workstream"
    account = request.POST.get("account", "")
    moderator = (
        Moderator.objects.filter(account_id=int(account), **{field: group}).first()
        if account.isdigit()
        else None
    )
    if moderator is None:
        messages.error(request, _("This person no longer moderates this group."))
        return redirect(_moderators_url(group))

    def remove(actor: User) -> None:
        services.moderator_remove(actor=actor, moderator=moderator)

    return action_redirect(
        request,
        remove,
        success=_("This person no longer moderates this group."),
        to=_moderators_url(group),
        refusals=(ValidationError,),
    )


@permission_required("core.view_public")
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/moderation_code_of_conduct.html")
