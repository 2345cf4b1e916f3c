"""Circles: the list, a circle's page and members, creation, amendment, archiving, joining."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect
from maillage.core.formtools import query_text
from maillage.core.permissions import has_perm, permission_required
from maillage.governance import selectors, services
from maillage.governance.forms import CircleForm
from maillage.governance.views._common import (
    PAGE_SIZE,
    _circle,
    _confirm_page,
    _form_page,
    _group_context,
    _members_page,
    circle_url,
)


@permission_required("governance.view_structure")
def circle_list(request: HttpRequest) -> HttpResponse:
    circles = selectors.circle_list(viewer=request.user)
    context = {
        "page": Paginator(circles, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_manage": has_perm(request.user, "governance.manage_circles"),
    }
    return render(request, "governance/circle_list.html", context)


MEMBERS_SHOWN = 20


@permission_required("governance.view_structure")
def circle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.circle_detail(viewer=request.user, slug=slug, members_limit=MEMBERS_SHOWN)
    if detail is None:
        raise Http404
    circle = detail.circle
    context = {
        "detail": detail,
        "circle": circle,
        # A circle with dozens of double links lists its first members; the members page has all.
        "can_create_workstream": has_perm(request.user, "governance.manage_workstreams"),
        **_group_context(request, circle, can_view=detail.can_view),
    }
    return render(request, "governance/circle_detail.html", context)


@permission_required("governance.view_circle", obj=_circle)
def circle_members(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.circle_detail(viewer=request.user, slug=slug)
    assert detail is not None
    return _members_page(
        request,
        detail.circle,
        detail.members,
        can_manage_members=has_perm(request.user, "governance.manage_members", detail.circle),
        can_join=detail.can_join,
        invitations=[],
    )


@permission_required("governance.manage_circles")
def circle_create(request: HttpRequest) -> HttpResponse:
    parent = selectors.open_circle(query_text(request.GET, "parent", max_length=220))
    form = CircleForm(request.POST or None, parent=parent)
    return form_redirect(
        request,
        form,
        lambda actor: services.circle_create(actor=actor, data=form.to_data()),
        success=_("The circle was created."),
        to=circle_url,
    ) or _form_page(
        request,
        form,
        title=_("New circle"),
        cancel=circle_url(parent) if parent else reverse("governance:circle_list"),
        group=parent,
        intro=_(
            "The circle gets its lead link (premier lien), facilitator and secretary and, under "
            "a parent circle, its delegate (second lien)."
        ),
    )


@permission_required("governance.manage_circles", obj=_circle)
def circle_amend(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    title = _("Amend the circle “%(name)s”") % {"name": circle.name}
    return edit_page(
        request,
        circle,
        lambda data: CircleForm(data, circle=circle),
        lambda actor, form, version: services.circle_amend(
            actor=actor, circle=circle, data=form.to_data(), version=version
        ),
        success=_("The circle was amended."),
        to=circle_url(circle),
        page=partial(_form_page, request, title=title, group=circle),
    )


@permission_required("governance.manage_circles", obj=_circle)
def circle_archive(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    return _confirm_page(
        request,
        lambda actor: services.circle_archive(actor=actor, circle=circle),
        group=circle,
        title=_("Archive the circle “%(name)s”") % {"name": circle.name},
        intro=_(
            "Its roles and memberships end; its history and policies are kept. A circle with "
            "active sub-circles, or the only sponsor of an active workstream, cannot be archived."
        ),
        submit=_("Archive the circle"),
        success=_("The circle “%(name)s” was archived.") % {"name": circle.name},
        to=circle_url(circle.parent) if circle.parent else reverse("governance:map"),
    )


@permission_required("governance.join_circle", obj=_circle)
@require_POST
def circle_join(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    person = getattr(request.user, "person", None)
    if person is None:
        messages.error(
            request,
            _("Your account is not linked to a person of the network yet: ask the coordination."),
        )
        return redirect(circle_url(circle))
    return action_redirect(
        request,
        lambda actor: services.membership_join(actor=actor, person=person, circle=circle),
        success=_("You joined the circle “%(name)s”.") % {"name": circle.name},
        to=circle_url(circle),
    )
