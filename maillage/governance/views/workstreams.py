"""Workstreams: the list, a workstream's page and members, its workflow and deliverables."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect
from maillage.core.formtools import query_text
from maillage.core.lookups import one_of
from maillage.core.permissions import has_perm, permission_required
from maillage.governance import selectors, services, workflows
from maillage.governance.forms import (
    DeliverableForm,
    WorkstreamFilterForm,
    WorkstreamForm,
)
from maillage.governance.models import Deliverable, Workstream
from maillage.governance.views._common import (
    PAGE_SIZE,
    _confirm_page,
    _form_page,
    _group_context,
    _members_page,
    _workstream,
    circle_url,
    workspace_url,
    workstream_url,
)
from maillage.governance.views.invitations import SESSION_INVITATION

_deliverable = one_of(Deliverable.objects.select_related("workstream"))


def _deliverable_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _deliverable(request, pk).workstream


@permission_required("governance.view_structure")
def workstream_list(request: HttpRequest) -> HttpResponse:
    form = WorkstreamFilterForm(request.GET or None)
    status, past_sunset = form.values()
    context = {
        "form": form,
        "page": Paginator(
            selectors.workstream_list(viewer=request.user, status=status, past_sunset=past_sunset),
            PAGE_SIZE,
        ).get_page(request.GET.get("page")),
        "can_manage": has_perm(request.user, "governance.manage_workstreams"),
        # What the kept rows depend on besides the page (the sunset flags change with the day).
        "filters": f"status={status};past_sunset={past_sunset}",
        "today": timezone.localdate().isoformat(),
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
        "can_manage": has_perm(request.user, "governance.manage_workstreams"),
        "can_manage_roles": has_perm(request.user, "governance.manage_roles"),
        **_group_context(request, workstream, can_view=detail.can_view),
    }
    return render(request, "governance/workstream_detail.html", context)


@permission_required("governance.view_workstream", obj=_workstream)
def workstream_members(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.workstream_detail(viewer=request.user, slug=slug)
    assert detail is not None
    sent = request.session.pop(SESSION_INVITATION, None)
    return _members_page(
        request,
        detail.workstream,
        detail.members,
        can_manage_members=detail.can_manage_members,
        can_invite=detail.can_invite and detail.workstream.is_running,
        invitations=detail.invitations,
        sent=sent if sent and sent.get("workstream") == detail.workstream.pk else None,
    )


@permission_required("governance.manage_workstreams")
def workstream_create(request: HttpRequest) -> HttpResponse:
    sponsor = selectors.open_circle(query_text(request.GET, "sponsor", max_length=220))
    form = WorkstreamForm(request.POST or None, sponsor=sponsor)
    return form_redirect(
        request,
        form,
        lambda actor: services.workstream_create(actor=actor, data=form.to_data()),
        success=_("The workstream was created."),
        to=workstream_url,
    ) or _form_page(
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
    staff = has_perm(request.user, "governance.manage_workstreams")
    title = _("Amend the workstream “%(name)s”") % {"name": workstream.name}
    return edit_page(
        request,
        workstream,
        lambda data: WorkstreamForm(data, workstream=workstream, can_change_sponsors=staff),
        lambda actor, form, version: services.workstream_amend(
            actor=actor, workstream=workstream, data=form.to_data(), version=version
        ),
        success=_("The workstream was amended."),
        to=workstream_url(workstream),
        page=partial(_form_page, request, title=title, group=workstream),
    )


@permission_required("governance.manage_workstreams", obj=_workstream)
def workstream_archive(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    return _confirm_page(
        request,
        lambda actor: services.workstream_archive(actor=actor, workstream=workstream),
        group=workstream,
        title=_("Archive the workstream “%(name)s”") % {"name": workstream.name},
        intro=_(
            "Its roles and memberships end and pending invitations are withdrawn; its history "
            "is kept."
        ),
        submit=_("Archive the workstream"),
        success=_("The workstream “%(name)s” was archived.") % {"name": workstream.name},
    )


@permission_required("governance.change_workstream", obj=_workstream)
@require_POST
def workstream_transition(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    key = request.POST.get("transition", "")
    return action_redirect(
        request,
        lambda actor: services.workstream_transition(
            actor=actor, workstream=workstream, transition=key
        ),
        success=lambda changed: (
            _("The workstream is now “%(status)s”.")
            % {"status": workflows.WORKSTREAM.state(changed.status).label}
        ),
        to=workstream_url(workstream),
        refusals=(ValidationError, PermissionDenied),
    )


@permission_required("governance.change_workstream", obj=_workstream)
def deliverable_add(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = DeliverableForm(request.POST or None, workstream=workstream)
    return form_redirect(
        request,
        form,
        lambda actor: services.deliverable_add(
            actor=actor, workstream=workstream, data=form.to_data()
        ),
        success=_("The deliverable was added."),
        to=workspace_url(workstream, "deliverables"),
    ) or _form_page(
        request,
        form,
        title=_("New deliverable of “%(name)s”") % {"name": workstream.name},
        group=workstream,
        cancel=workspace_url(workstream, "deliverables"),
    )


@permission_required("governance.change_workstream", obj=_deliverable_workstream)
def deliverable_amend(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = _deliverable(request, pk)
    workstream = deliverable.workstream
    back = workspace_url(workstream, "deliverables")
    return edit_page(
        request,
        deliverable,
        lambda data: DeliverableForm(data, workstream=workstream, deliverable=deliverable),
        lambda actor, form, version: services.deliverable_amend(
            actor=actor, deliverable=deliverable, data=form.to_data(), version=version
        ),
        success=_("The deliverable was amended."),
        to=back,
        page=partial(
            _form_page,
            request,
            title=_("Amend the deliverable “%(title)s”") % {"title": deliverable.title},
            group=workstream,
            cancel=back,
        ),
    )


@permission_required("governance.complete_deliverable", obj=_deliverable)
@require_POST
def deliverable_done(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = _deliverable(request, pk)
    done = request.POST.get("done") == "1"
    return action_redirect(
        request,
        lambda actor: services.deliverable_set_done(
            actor=actor, deliverable=deliverable, done=done
        ),
        success=(
            _("“%(title)s” is marked as done.") if done else _("“%(title)s” is marked as not done.")
        )
        % {"title": deliverable.title},
        to=workspace_url(deliverable.workstream, "deliverables"),
    )


@permission_required("governance.change_workstream", obj=_deliverable_workstream)
@require_POST
def deliverable_remove(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = _deliverable(request, pk)
    return action_redirect(
        request,
        lambda actor: services.deliverable_remove(actor=actor, deliverable=deliverable),
        success=_("The deliverable was removed."),
        to=workspace_url(deliverable.workstream, "deliverables"),
    )
