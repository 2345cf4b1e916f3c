"""Adding members to a circle or a workstream, and ending a membership."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.permissions import permission_required
from maillage.governance import services
from maillage.governance.forms import EndMembershipForm, MemberForm
from maillage.governance.models import Circle, Membership, Workstream
from maillage.governance.views._common import (
    _cached,
    _circle,
    _form_page,
    _members_url,
    _workstream,
    group_url,
)


def _membership(request: HttpRequest, pk: int, **_kwargs: Any) -> Membership:
    return _cached(
        request,
        ("membership", pk),
        lambda: get_object_or_404(
            Membership.objects.select_related("person", "circle", "workstream"), pk=pk
        ),
    )


def _membership_group(request: HttpRequest, pk: int, **_kwargs: Any) -> Circle | Workstream:
    return _membership(request, pk).group


@permission_required("governance.manage_members", obj=_circle)
def circle_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _member_add(request, _circle(request, slug))


@permission_required("governance.manage_members", obj=_workstream)
def workstream_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _member_add(request, _workstream(request, slug))


def _member_add(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    in_workstream = isinstance(group, Workstream)
    form = MemberForm(request.POST or None, in_workstream=in_workstream)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_join(
                actor=actor_of(request),
                person=data["person"],
                circle=group if isinstance(group, Circle) else None,
                workstream=group if isinstance(group, Workstream) else None,
                kind=data.get("kind") or "member",
                seat=data["seat"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(person)s was added to the members.") % {"person": data["person"]}
            )
            return redirect(_members_url(group))
    return _form_page(
        request,
        form,
        title=_("New member of “%(name)s”") % {"name": group.name},
        cancel=_members_url(group),
        group=group,
    )


@permission_required("governance.end_membership", obj=_membership)
def membership_leave(request: HttpRequest, pk: int) -> HttpResponse:
    return _membership_end(request, pk, leave=True)


@permission_required("governance.manage_members", obj=_membership_group)
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _membership_end(request, pk, leave=False)


def _membership_end(request: HttpRequest, pk: int, *, leave: bool) -> HttpResponse:
    membership = _membership(request, pk)
    group = membership.group
    if membership.ended_at is not None:
        messages.error(request, _("This membership has already ended."))
        return redirect(group_url(group))
    own = membership.person.user_id == request.user.pk
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.membership_leave if leave else services.membership_remove
        try:
            service(actor=actor_of(request), membership=membership, note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if leave and own:
                messages.success(request, _("You left “%(name)s”.") % {"name": group.name})
                return redirect(group_url(group))
            messages.success(
                request,
                _("%(person)s is no longer a member.") % {"person": membership.person},
            )
            return redirect(_members_url(group))
    if leave and own:
        title = _("Leave “%(name)s”") % {"name": group.name}
    elif leave:
        title = _("Record that %(person)s left “%(name)s”") % {
            "person": membership.person,
            "name": group.name,
        }
    else:
        title = _("Remove %(person)s from “%(name)s”") % {
            "person": membership.person,
            "name": group.name,
        }
    return _form_page(
        request,
        form,
        title=title,
        cancel=group_url(group),
        group=group,
        intro=_("The membership ends today; it stays in the history."),
        submit=_("Leave") if leave and own else _("End the membership"),
        danger=True,
    )
