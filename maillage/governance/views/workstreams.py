"""Workstreams: the list, a workstream's page and members, its workflow and deliverables."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.permissions import has_perm, permission_required
from maillage.governance import selectors, services, workflows
from maillage.governance.forms import (
    DeliverableForm,
    WorkstreamFilterForm,
    WorkstreamForm,
)
from maillage.governance.models import Circle, Deliverable, Workstream
from maillage.governance.views._common import (
    _cached,
    _error_message,
    _form_page,
    _workstream,
    circle_url,
    level_labels,
    workstream_url,
)
from maillage.governance.views.balance import _balance_context
from maillage.governance.views.invitations import SESSION_INVITATION


def _deliverable_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _deliverable(request, pk).workstream


def _deliverable(request: HttpRequest, pk: int) -> Deliverable:
    return _cached(
        request,
        ("deliverable", pk),
        lambda: get_object_or_404(Deliverable.objects.select_related("workstream"), pk=pk),
    )


@permission_required("governance.view_structure")
def workstream_list(request: HttpRequest) -> HttpResponse:
    form = WorkstreamFilterForm(request.GET or None)
    status, past_sunset = form.values()
    context = {
        "form": form,
        "workstreams": selectors.workstream_list(
            viewer=request.user, status=status, past_sunset=past_sunset
        ),
        "can_manage": has_perm(request.user, "governance.manage_workstreams"),
    }
    return render(request, "governance/workstream_list.html", context)


@permission_required("governance.view_structure")
def workstream_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.workstream_detail(viewer=request.user, slug=slug)
    if detail is None:
        raise Http404
    workstream = detail.workstream
    context = {
        "detail": detail,
        "workstream": workstream,
        "history": (
            selectors.governance_history(viewer=request.user, workstream=workstream)
            if has_perm(request.user, "core.view_audit")
            else None
        ),
        "can_see_people": has_perm(request.user, "network.view_people"),
        "can_manage": has_perm(request.user, "governance.manage_workstreams"),
        "can_manage_roles": has_perm(request.user, "governance.manage_roles"),
        "today": timezone.localdate(),
        "levels": level_labels(workstream.levels),
        **_balance_context(
            selectors.intersectoral_balance(viewer=request.user, workstream=workstream)
            if detail.can_view
            else None,
            "workstream-balance",
        ),
    }
    return render(request, "governance/workstream_detail.html", context)


@permission_required("governance.view_workstream", obj=_workstream)
def workstream_members(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.workstream_detail(viewer=request.user, slug=slug)
    assert detail is not None
    sent = request.session.pop(SESSION_INVITATION, None)
    context = {
        "group": detail.workstream,
        "kind": "workstream",
        "members": detail.members,
        "past": selectors.past_memberships(viewer=request.user, workstream=detail.workstream),
        "can_manage_members": detail.can_manage_members,
        "can_invite": detail.can_invite and detail.workstream.is_running,
        "invitations": detail.invitations,
        "can_see_people": has_perm(request.user, "network.view_people"),
        "sent": sent if sent and sent.get("workstream") == detail.workstream.pk else None,
    }
    return render(request, "governance/members.html", context)


@permission_required("governance.manage_workstreams")
def workstream_create(request: HttpRequest) -> HttpResponse:
    sponsor = Circle.objects.filter(
        slug=request.GET.get("sponsor", "")[:220], archived_at__isnull=True
    ).first()
    form = WorkstreamForm(request.POST or None, sponsor=sponsor)
    if request.method == "POST" and form.is_valid():
        try:
            workstream = services.workstream_create(actor=actor_of(request), data=form.to_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The workstream was created."))
            return redirect(workstream_url(workstream))
    return _form_page(
        request,
        form,
        title=_("New workstream"),
        cancel=circle_url(sponsor) if sponsor else reverse("governance:workstream_list"),
        group=sponsor,
        intro=_(
            "The workstream starts as “proposed”, with its lead role; coordination staff launch it."
        ),
    )


@permission_required("governance.change_workstream", obj=_workstream)
def workstream_amend(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = WorkstreamForm(
        request.POST or None,
        workstream=workstream,
        can_change_sponsors=has_perm(request.user, "governance.manage_workstreams"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.workstream_amend(
                actor=actor_of(request), workstream=workstream, data=form.to_data()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The workstream was amended."))
            return redirect(workstream_url(workstream))
    return _form_page(
        request,
        form,
        title=_("Amend the workstream “%(name)s”") % {"name": workstream.name},
        cancel=workstream_url(workstream),
        group=workstream,
    )


@permission_required("governance.manage_workstreams", obj=_workstream)
def workstream_archive(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    if request.method == "POST":
        try:
            services.workstream_archive(actor=actor_of(request), workstream=workstream)
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(
                request, _("The workstream “%(name)s” was archived.") % {"name": workstream.name}
            )
        return redirect(workstream_url(workstream))
    return _form_page(
        request,
        None,
        title=_("Archive the workstream “%(name)s”") % {"name": workstream.name},
        cancel=workstream_url(workstream),
        group=workstream,
        intro=_(
            "Its roles and memberships end and pending invitations are withdrawn; its history "
            "is kept."
        ),
        submit=_("Archive the workstream"),
        danger=True,
    )


@permission_required("governance.change_workstream", obj=_workstream)
@require_POST
def workstream_transition(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    key = request.POST.get("transition", "")
    try:
        services.workstream_transition(
            actor=actor_of(request), workstream=workstream, transition=key
        )
    except ValidationError as error:
        _error_message(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The workstream is now “%(status)s”.")
            % {"status": workflows.WORKSTREAM.state(workstream.status).label},
        )
    return redirect(workstream_url(workstream))


@permission_required("governance.change_workstream", obj=_workstream)
def deliverable_add(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = DeliverableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliverable_add(
                actor=actor_of(request), workstream=workstream, data=form.to_data()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The deliverable was added."))
            return redirect(workstream_url(workstream))
    return _form_page(
        request,
        form,
        title=_("New deliverable of “%(name)s”") % {"name": workstream.name},
        cancel=workstream_url(workstream),
        group=workstream,
    )


@permission_required("governance.change_workstream", obj=_deliverable_workstream)
@require_POST
def deliverable_done(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = _deliverable(request, pk)
    done = request.POST.get("done") == "1"
    services.deliverable_set_done(actor=actor_of(request), deliverable=deliverable, done=done)
    messages.success(
        request,
        _("“%(title)s” is marked as done.") % {"title": deliverable.title}
        if done
        else _("“%(title)s” is marked as not done.") % {"title": deliverable.title},
    )
    return redirect(workstream_url(deliverable.workstream))


@permission_required("governance.change_workstream", obj=_deliverable_workstream)
@require_POST
def deliverable_remove(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = _deliverable(request, pk)
    workstream = deliverable.workstream
    services.deliverable_remove(actor=actor_of(request), deliverable=deliverable)
    messages.success(request, _("The deliverable was removed."))
    return redirect(workstream_url(workstream))
