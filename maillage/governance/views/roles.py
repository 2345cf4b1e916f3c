"""Roles, their holders, and the accountabilities of circles and roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actors import actor_of
from maillage.core.forms import apply_errors
from maillage.core.permissions import permission_required
from maillage.governance import services
from maillage.governance.forms import (
    AccountabilityForm,
    AssignForm,
    AssignmentForm,
    RoleForm,
)
from maillage.governance.models import Accountability, Circle, Role, RoleAssignment, Workstream
from maillage.governance.views._common import (
    _cached,
    _circle,
    _error_message,
    _form_page,
    _workstream,
    circle_url,
    group_url,
)


def _role(request: HttpRequest, pk: int, **_kwargs: Any) -> Role:
    return _cached(
        request,
        ("role", pk),
        lambda: get_object_or_404(
            Role.objects.select_related("circle__parent", "workstream"), pk=pk
        ),
    )


def _assignment(request: HttpRequest, pk: int, **_kwargs: Any) -> RoleAssignment:
    return _cached(
        request,
        ("assignment", pk),
        lambda: get_object_or_404(
            RoleAssignment.objects.select_related(
                "role__circle", "role__workstream", "person", "seat__organization"
            ),
            pk=pk,
        ),
    )


def role_group(role: Role) -> Circle | Workstream:
    group = role.circle or role.workstream
    assert group is not None
    return group


@permission_required("governance.manage_roles", obj=_circle)
def circle_role_create(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    return _role_create(request, circle)


@permission_required("governance.manage_roles", obj=_workstream)
def workstream_role_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _role_create(request, _workstream(request, slug))


def _role_create(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    in_workstream = isinstance(group, Workstream)
    form = RoleForm(request.POST or None, in_workstream=in_workstream)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_create(
                actor=actor_of(request),
                data=form.to_data(),
                circle=group if isinstance(group, Circle) else None,
                workstream=group if isinstance(group, Workstream) else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The role was created."))
            return redirect(group_url(group))
    return _form_page(
        request,
        form,
        title=_("New role in “%(name)s”") % {"name": group.name},
        cancel=group_url(group),
        group=group,
    )


@permission_required("governance.manage_roles", obj=_role)
def role_amend(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    group = role_group(role)
    form = RoleForm(request.POST or None, role=role, in_workstream=role.workstream_id is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_amend(actor=actor_of(request), role=role, data=form.to_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The role was amended."))
            return redirect(group_url(group))
    return _form_page(
        request,
        form,
        title=_("Amend the role “%(name)s”") % {"name": role.name},
        cancel=group_url(group),
        group=group,
    )


@permission_required("governance.manage_roles", obj=_role)
def role_archive(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    group = role_group(role)
    if request.method == "POST":
        try:
            services.role_archive(actor=actor_of(request), role=role)
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(request, _("The role “%(name)s” was archived.") % {"name": role.name})
        return redirect(group_url(group))
    return _form_page(
        request,
        None,
        title=_("Archive the role “%(name)s”") % {"name": role.name},
        cancel=group_url(group),
        group=group,
        intro=_("Whoever holds it stops holding it, and a double link it makes ends."),
        submit=_("Archive the role"),
        danger=True,
    )


@permission_required("governance.manage_roles", obj=_role)
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    group = role_group(role)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_assign(
                actor=actor_of(request),
                role=role,
                person=data["person"],
                seat=data["seat"],
                substitutes=list(data["substitutes"]) or None,
                start_date=data["start_date"],
                term_end=data["term_end"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now holds the role “%(role)s”.")
                % {"person": data["person"], "role": role.name},
            )
            return redirect(group_url(group))
    intro = ""
    if role.single_holder:
        intro = _("This role has one holder at a time: the current holder's term ends today.")
    return _form_page(
        request,
        form,
        title=_("Assign the role “%(name)s”") % {"name": role.name},
        cancel=group_url(group),
        group=group,
        intro=intro,
    )


@permission_required("governance.manage_roles", obj=_assignment)
def assignment_update(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    group = role_group(assignment.role)
    initial = {
        "substitutes": list(assignment.substitutes.all()),
        "term_end": assignment.term_end,
    }
    form = AssignmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assignment_update(
                actor=actor_of(request),
                assignment=assignment,
                substitutes=list(form.cleaned_data["substitutes"]),
                term_end=form.cleaned_data["term_end"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The assignment was updated."))
            return redirect(group_url(group))
    return _form_page(
        request,
        form,
        title=_("%(person)s as “%(role)s”")
        % {"person": assignment.person, "role": assignment.role.name},
        cancel=group_url(group),
        group=group,
    )


@permission_required("governance.manage_roles", obj=_assignment)
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    group = role_group(assignment.role)
    if request.method == "POST":
        try:
            services.role_assignment_end(actor=actor_of(request), assignment=assignment)
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(
                request,
                _("%(person)s no longer holds the role “%(role)s”.")
                % {"person": assignment.person, "role": assignment.role.name},
            )
        return redirect(group_url(group))
    return _form_page(
        request,
        None,
        title=_("End the term of %(person)s as “%(role)s”")
        % {"person": assignment.person, "role": assignment.role.name},
        cancel=group_url(group),
        group=group,
        intro=_("A double link the role makes ends with it."),
        submit=_("End today"),
        danger=True,
    )


# Accountabilities (of circles and of roles)


def _accountability(request: HttpRequest, pk: int) -> Accountability:
    return _cached(
        request,
        ("accountability", pk),
        lambda: get_object_or_404(
            Accountability.objects.select_related("circle", "role__circle", "role__workstream"),
            pk=pk,
        ),
    )


@permission_required("governance.manage_circles", obj=_circle)
def circle_accountability_add(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    return _accountability_add(request, circle, cancel=circle_url(circle), group=circle)


@permission_required("governance.manage_roles", obj=_role)
def role_accountability_add(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    group = role_group(role)
    return _accountability_add(request, role, cancel=group_url(group), group=group)


def _accountability_add(
    request: HttpRequest, owner: Circle | Role, *, cancel: str, group: Circle | Workstream
) -> HttpResponse:
    form = AccountabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accountability_add(
                actor=actor_of(request), owner=owner, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The accountability was added."))
            return redirect(cancel)
    title = (
        _("New accountability of the circle “%(name)s”")
        if isinstance(owner, Circle)
        else _("New accountability of the role “%(name)s”")
    ) % {"name": owner.name}
    return _form_page(request, form, title=title, cancel=cancel, group=group)


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
    group = owner if isinstance(owner, Circle) else role_group(owner)
    try:
        services.accountability_remove(actor=actor_of(request), accountability=accountability)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("The accountability was removed."))
    return redirect(group_url(group))
