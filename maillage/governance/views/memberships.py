"""Adding members to a circle or a workstream, and ending a membership."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import edit_page, form_redirect
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.governance import services
from maillage.governance.forms import EndMembershipForm, MemberForm
from maillage.governance.models import Circle, Membership, Workstream
from maillage.governance.views._common import (
    _form_page,
    _in_each_group,
    _members_url,
    group_kind,
    group_kwargs,
    group_url,
    seat_field,
    seat_step,
)

_membership = one_of(Membership.objects.select_related("person", "circle", "workstream"))


def _membership_group(request: HttpRequest, pk: int, **_kwargs: Any) -> Circle | Workstream:
    return _membership(request, pk).group


def _member_seats_url(group: Circle | Workstream) -> str:
    return reverse(f"governance:{group_kind(group)}_member_seats", kwargs={"slug": group.slug})


def _member_add(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    in_workstream = isinstance(group, Workstream)
    seats = _member_seats_url(group)
    form = MemberForm(request.POST or None, in_workstream=in_workstream, seats_url=seats)
    again = seat_step(
        request,
        form,
        lambda typed: MemberForm(initial=typed, in_workstream=in_workstream, seats_url=seats),
    )
    form = again or form
    return form_redirect(
        request,
        form,
        lambda actor: services.membership_join(
            actor=actor,
            person=form.cleaned_data["person"],
            **group_kwargs(group),
            kind=form.cleaned_data.get("kind") or "member",
            seat=form.cleaned_data["seat"],
            note=form.cleaned_data["note"],
        ),
        success=lambda _joined: (
            _("%(person)s was added to the members.") % {"person": form.cleaned_data["person"]}
        ),
        to=_members_url(group),
    ) or _form_page(
        request,
        form,
        title=_("New member of “%(name)s”") % {"name": group.name},
        cancel=_members_url(group),
        group=group,
    )


circle_member_add, workstream_member_add = _in_each_group("governance.manage_members", _member_add)


def _member_seats(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    """The seat list of the form that adds a member, for the person chosen (`?person=`)."""
    form = MemberForm(
        initial={"person": request.GET.get("person")}, in_workstream=isinstance(group, Workstream)
    )
    return seat_field(request, form)


circle_member_seats, workstream_member_seats = _in_each_group(
    "governance.manage_members", _member_seats
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
    own = leave and membership.person.user_id == request.user.pk
    names = {"person": membership.person, "name": group.name}
    if own:
        title = _("Leave “%(name)s”") % names
    elif leave:
        title = _("Record that %(person)s left “%(name)s”") % names
    else:
        title = _("Remove %(person)s from “%(name)s”") % names
    service = services.membership_leave if leave else services.membership_remove
    return edit_page(
        request,
        membership,
        EndMembershipForm,
        lambda actor, form, version: service(
            actor=actor, membership=membership, **form.cleaned_data, version=version
        ),
        success=_("You left “%(name)s”.") % names
        if own
        else _("%(person)s is no longer a member.") % names,
        to=group_url(group) if own else _members_url(group),
        page=partial(
            _form_page,
            request,
            title=title,
            group=group,
            intro=_("The membership ends today; it stays in the history."),
            submit=_("Leave") if own else _("End the membership"),
            danger=True,
        ),
    )
