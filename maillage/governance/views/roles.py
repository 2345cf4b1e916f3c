"""Roles, their holders, and the accountabilities of circles and roles."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.core.text import elide
from maillage.governance import services
from maillage.governance.forms import (
    AccountabilityForm,
    AssignForm,
    AssignmentForm,
    RoleForm,
)
from maillage.governance.models import Accountability, Circle, Role, RoleAssignment, Workstream
from maillage.governance.views._common import (
    _circle,
    _confirm_page,
    _form_page,
    _in_each_group,
    group_kwargs,
    group_url,
    seat_field,
    seat_step,
)

_role = one_of(Role.objects.select_related("circle__parent", "workstream"))
_assignment = one_of(
    RoleAssignment.objects.select_related(
        "role__circle", "role__workstream", "person", "seat__organization"
    )
)
_accountability = one_of(
    Accountability.objects.select_related("circle", "role__circle", "role__workstream")
)


def _role_create(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    form = RoleForm(request.POST or None, in_workstream=isinstance(group, Workstream))
    return form_redirect(
        request,
        form,
        lambda actor: services.role_create(actor=actor, data=form.to_data(), **group_kwargs(group)),
        success=_("The role was created."),
        to=group_url(group),
    ) or _form_page(
        request,
        form,
        title=_("New role in “%(name)s”") % {"name": group.name},
        group=group,
    )


circle_role_create, workstream_role_create = _in_each_group("governance.manage_roles", _role_create)


@permission_required("governance.manage_roles", obj=_role)
def role_amend(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    in_workstream = role.workstream_id is not None
    title = _("Amend the role “%(name)s”") % {"name": role.name}
    return edit_page(
        request,
        role,
        lambda data: RoleForm(data, role=role, in_workstream=in_workstream),
        lambda actor, form, version: services.role_amend(
            actor=actor, role=role, data=form.to_data(), version=version
        ),
        success=_("The role was amended."),
        to=group_url(role.group),
        page=partial(_form_page, request, title=title, group=role.group),
    )


@permission_required("governance.manage_roles", obj=_role)
def role_archive(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    return _confirm_page(
        request,
        lambda actor: services.role_archive(actor=actor, role=role),
        group=role.group,
        title=_("Archive the role “%(name)s”") % {"name": role.name},
        intro=_("Whoever holds it stops holding it, and a double link it makes ends."),
        submit=_("Archive the role"),
        success=_("The role “%(name)s” was archived.") % {"name": role.name},
    )


@permission_required("governance.manage_roles", obj=_role)
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    group = role.group
    seats = reverse("governance:role_assign_seats", kwargs={"pk": role.pk})
    form = AssignForm(request.POST or None, seats_url=seats)
    form = (
        seat_step(request, form, lambda typed: AssignForm(initial=typed, seats_url=seats)) or form
    )
    return form_redirect(
        request,
        form,
        lambda actor: services.role_assign(actor=actor, role=role, **form.to_kwargs()),
        success=lambda _result: (
            _("%(person)s now holds the role “%(role)s”.")
            % {"person": form.cleaned_data["person"], "role": role.name}
        ),
        to=group_url(group),
    ) or _form_page(
        request,
        form,
        title=_("Assign the role “%(name)s”") % {"name": role.name},
        group=group,
        intro=_("This role has one holder at a time: the current holder's term ends today.")
        if role.single_holder
        else "",
    )


@permission_required("governance.manage_roles", obj=_role)
def role_assign_seats(request: HttpRequest, pk: int) -> HttpResponse:
    """The seat list of the form that assigns the role, for the person chosen (`?person=`)."""
    _role(request, pk)
    return seat_field(request, AssignForm(initial={"person": request.GET.get("person")}))


@permission_required("governance.manage_roles", obj=_assignment)
def assignment_update(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    group = assignment.role.group
    names = {"person": assignment.person, "role": assignment.role.name}
    return edit_page(
        request,
        assignment,
        lambda data: AssignmentForm(data, assignment=assignment),
        lambda actor, form, version: services.role_assignment_update(
            actor=actor, assignment=assignment, **form.to_kwargs(), version=version
        ),
        success=_("The assignment was updated."),
        to=group_url(group),
        page=partial(
            _form_page, request, title=elide(_("%(person)s as “%(role)s”") % names), group=group
        ),
    )


@permission_required("governance.manage_roles", obj=_assignment)
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    names = {"person": assignment.person, "role": assignment.role.name}
    return _confirm_page(
        request,
        lambda actor: services.role_assignment_end(actor=actor, assignment=assignment),
        group=assignment.role.group,
        title=elide(_("End the term of %(person)s as “%(role)s”") % names),
        intro=_("A double link the role makes ends with it."),
        submit=_("End today"),
        success=_("%(person)s no longer holds the role “%(role)s”.") % names,
    )


# Accountabilities (of circles and of roles)


@permission_required("governance.manage_circles", obj=_circle)
def circle_accountability_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _accountability_add(request, _circle(request, slug))


@permission_required("governance.manage_roles", obj=_role)
def role_accountability_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _accountability_add(request, _role(request, pk))


def _accountability_add(request: HttpRequest, owner: Circle | Role) -> HttpResponse:
    group = owner if isinstance(owner, Circle) else owner.group
    form = AccountabilityForm(request.POST or None)
    title = (
        _("New accountability of the circle “%(name)s”")
        if isinstance(owner, Circle)
        else _("New accountability of the role “%(name)s”")
    ) % {"name": owner.name}
    return form_redirect(
        request,
        form,
        lambda actor: services.accountability_add(
            actor=actor, owner=owner, text=form.cleaned_data["text"]
        ),
        success=_("The accountability was added."),
        to=group_url(group),
    ) or _form_page(request, form, title=title, group=group)


def _accountability_circle(request: HttpRequest, pk: int, **_kwargs: Any) -> Circle | None:
    return _accountability(request, pk).circle


def _accountability_role(request: HttpRequest, pk: int, **_kwargs: Any) -> Role | None:
    return _accountability(request, pk).role


@permission_required("governance.manage_circles", obj=_accountability_circle)
@require_POST
def circle_accountability_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _accountability_remove(request, pk, circle=True)


@permission_required("governance.manage_roles", obj=_accountability_role)
@require_POST
def role_accountability_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _accountability_remove(request, pk, circle=False)


def _accountability_remove(request: HttpRequest, pk: int, *, circle: bool) -> HttpResponse:
    accountability = _accountability(request, pk)
    owner = accountability.circle if circle else accountability.role
    if owner is None:
        raise Http404
    return action_redirect(
        request,
        lambda actor: services.accountability_remove(actor=actor, accountability=accountability),
        success=_("The accountability was removed."),
        to=group_url(owner if isinstance(owner, Circle) else owner.group),
    )
