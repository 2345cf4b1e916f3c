"""Pages of the collaboration model: thin, they parse, call a selector or a service, and render.

Reads go through `selectors` (already narrowed to what the viewer may see), writes through
`services` (which check the permission again, validate and record the history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.permissions import has_perm, permission_required
from maillage.governance import charts, selectors, services, workflows
from maillage.governance.forms import (
    AccountabilityForm,
    AssignForm,
    AssignmentForm,
    CircleForm,
    DeliverableForm,
    EndMembershipForm,
    InvitationForm,
    MapFilterForm,
    MemberForm,
    PolicyForm,
    PolicyStatusForm,
    RoleForm,
    WorkstreamFilterForm,
    WorkstreamForm,
    apply_errors,
)
from maillage.governance.ical import calendar_ical as build_ical
from maillage.governance.models import (
    Accountability,
    Circle,
    Deliverable,
    Invitation,
    Membership,
    Policy,
    Role,
    RoleAssignment,
    Workstream,
)
from maillage.governance.selectors import Balance, BalanceRow
from maillage.governance.structure import render_structure
from maillage.network.models import Person
from maillage.territories.models import Level

SESSION_INVITATION = "governance_invitation_sent"


def _is_htmx(request: HttpRequest) -> bool:
    """An HTMX request for a fragment (a history restore needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _cached[M: Model](request: HttpRequest, key: tuple[Any, ...], fetch: Callable[[], M]) -> M:
    """Fetch an object once per request: the permission check and the view share it."""
    cache: dict[tuple[Any, ...], Any] = request.__dict__.setdefault("_governance_objects", {})
    if key not in cache:
        cache[key] = fetch()
    found: M = cache[key]
    return found


def _circle(request: HttpRequest, slug: str, **_kwargs: Any) -> Circle:
    return _cached(
        request,
        ("circle", slug),
        lambda: get_object_or_404(Circle.objects.select_related("parent"), slug=slug),
    )


def _workstream(request: HttpRequest, slug: str, **_kwargs: Any) -> Workstream:
    return _cached(request, ("workstream", slug), lambda: get_object_or_404(Workstream, slug=slug))


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


def _policy(request: HttpRequest, pk: int, **_kwargs: Any) -> Policy:
    return _cached(
        request,
        ("policy", pk),
        lambda: get_object_or_404(Policy.objects.select_related("circle"), pk=pk),
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


def _deliverable_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _deliverable(request, pk).workstream


def _deliverable(request: HttpRequest, pk: int) -> Deliverable:
    return _cached(
        request,
        ("deliverable", pk),
        lambda: get_object_or_404(Deliverable.objects.select_related("workstream"), pk=pk),
    )


def _invitation(request: HttpRequest, pk: int) -> Invitation:
    return _cached(
        request,
        ("invitation", pk),
        lambda: get_object_or_404(Invitation.objects.select_related("workstream"), pk=pk),
    )


def _invitation_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _invitation(request, pk).workstream


def _accountability(request: HttpRequest, pk: int) -> Accountability:
    return _cached(
        request,
        ("accountability", pk),
        lambda: get_object_or_404(
            Accountability.objects.select_related("circle", "role__circle", "role__workstream"),
            pk=pk,
        ),
    )


def circle_url(circle: Circle) -> str:
    return reverse("governance:circle_detail", kwargs={"slug": circle.slug})


def workstream_url(workstream: Workstream) -> str:
    return reverse("governance:workstream_detail", kwargs={"slug": workstream.slug})


def group_url(group: Circle | Workstream) -> str:
    return circle_url(group) if isinstance(group, Circle) else workstream_url(group)


def level_labels(keys: list[str]) -> list[str]:
    return [str(Level(key).label) for key in keys if key in Level.values]


def role_group(role: Role) -> Circle | Workstream:
    group = role.circle or role.workstream
    assert group is not None
    return group


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    cancel: str,
    group: Circle | Workstream | None = None,
    intro: str = "",
    submit: str = "",
    danger: bool = False,
) -> HttpResponse:
    """The generic form page; a form with errors answers 400 and keeps what was typed."""
    status = 400 if form is not None and form.is_bound and form.errors else 200
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel,
        "group": group,
        "group_section": (
            "circles" if isinstance(group, Circle) else "workstreams" if group else ""
        ),
        "group_url": group_url(group) if group is not None else "",
        "intro": intro,
        "submit": submit or _("Save"),
        "danger": danger,
    }
    return render(request, "governance/form.html", context, status=status)


def _error_message(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(str(m) for m in error.messages))


# The map and the lists


@permission_required("governance.view_structure")
def structure_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET or None)
    context = {
        "form": form,
        "map": render_structure(request.user, form.filters()),
        "htmx": _is_htmx(request),
        "can_manage": has_perm(request.user, "governance.manage_circles"),
        "can_create_workstream": has_perm(request.user, "governance.manage_workstreams"),
    }
    template = "governance/map.html#results" if context["htmx"] else "governance/map.html"
    response = render(request, template, context)
    # The same URL answers a page or a fragment: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@permission_required("governance.view_structure")
def circle_list(request: HttpRequest) -> HttpResponse:
    context = {
        "circles": selectors.circle_list(viewer=request.user),
        "can_manage": has_perm(request.user, "governance.manage_circles"),
    }
    return render(request, "governance/circle_list.html", context)


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


# The intersectoral balance


@dataclass(frozen=True)
class BalanceFigure:
    id: str
    title: str
    svg: str
    rows: list[BalanceRow]
    header: str


def balance_figures(balance: Balance, prefix: str) -> list[BalanceFigure]:
    """The balance by sector, level and MRC: each a small bar chart and its table."""
    figures = []
    for key, title, header, rows in (
        ("sector", _("By sector"), _("Sector"), balance.by_sector),
        ("level", _("By level (palier)"), _("Level"), balance.by_level),
        ("territory", _("By territory (MRC)"), _("Territory"), balance.by_territory),
    ):
        if not rows:
            continue
        chart_id = f"{prefix}-{key}"
        missing = sum(1 for row in rows if not row.count)
        svg = charts.bar_chart(
            [charts.Bar(label=row.label, value=row.count) for row in rows],
            title=_("Members %(by)s") % {"by": str(title).lower()},
            description=_("%(missing)s of %(total)s without any member; table below.")
            % {"missing": missing, "total": len(rows)},
            id_prefix=chart_id,
        )
        figures.append(
            BalanceFigure(
                id=chart_id,
                title=title,
                # charts.bar_chart escapes every label it writes into the SVG.
                svg=mark_safe(svg),
                rows=rows,
                header=header,
            )
        )
    return figures


def _balance_context(balance: Balance | None, prefix: str) -> dict[str, Any]:
    if balance is None:
        return {"balance": None, "balance_figures": []}
    return {"balance": balance, "balance_figures": balance_figures(balance, prefix)}


# Circles


@permission_required("governance.view_structure")
def circle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.circle_detail(viewer=request.user, slug=slug)
    if detail is None:
        raise Http404
    circle = detail.circle
    retired = []
    if detail.can_view:
        retired = [
            p
            for p in selectors.policy_list(viewer=request.user, circle=circle, include_retired=True)
            if p.status == "retired"
        ]
    context = {
        "detail": detail,
        "circle": circle,
        "retired_policies": retired,
        "levels": level_labels(circle.levels),
        "today": timezone.localdate(),
        "history": (
            selectors.governance_history(viewer=request.user, circle=circle)
            if has_perm(request.user, "core.view_audit")
            else None
        ),
        "can_see_people": has_perm(request.user, "network.view_people"),
        "can_create_workstream": has_perm(request.user, "governance.manage_workstreams"),
        **_balance_context(
            selectors.intersectoral_balance(viewer=request.user, circle=circle)
            if detail.can_view
            else None,
            "circle-balance",
        ),
    }
    return render(request, "governance/circle_detail.html", context)


@permission_required("governance.view_circle", obj=_circle)
def circle_members(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.circle_detail(viewer=request.user, slug=slug)
    assert detail is not None
    context = {
        "group": detail.circle,
        "kind": "circle",
        "members": detail.members,
        "past": selectors.past_memberships(viewer=request.user, circle=detail.circle),
        "can_manage_members": has_perm(request.user, "governance.manage_members", detail.circle),
        "can_join": detail.can_join,
        "can_see_people": has_perm(request.user, "network.view_people"),
        "invitations": [],
    }
    return render(request, "governance/members.html", context)


@permission_required("governance.manage_circles")
def circle_create(request: HttpRequest) -> HttpResponse:
    parent = Circle.objects.filter(slug=request.GET.get("parent", "")[:220]).first()
    form = CircleForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_create(actor=request.user, data=form.to_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The circle was created."))
            return redirect(circle_url(circle))
    return _form_page(
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
    form = CircleForm(request.POST or None, circle=circle)
    if request.method == "POST" and form.is_valid():
        try:
            services.circle_amend(actor=request.user, circle=circle, data=form.to_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The circle was amended."))
            return redirect(circle_url(circle))
    return _form_page(
        request,
        form,
        title=_("Amend the circle “%(name)s”") % {"name": circle.name},
        cancel=circle_url(circle),
        group=circle,
    )


@permission_required("governance.manage_circles", obj=_circle)
def circle_archive(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    if request.method == "POST":
        try:
            services.circle_archive(actor=request.user, circle=circle)
        except ValidationError as error:
            _error_message(request, error)
            return redirect(circle_url(circle))
        messages.success(request, _("The circle “%(name)s” was archived.") % {"name": circle.name})
        return redirect(circle_url(circle.parent) if circle.parent else reverse("governance:map"))
    return _form_page(
        request,
        None,
        title=_("Archive the circle “%(name)s”") % {"name": circle.name},
        cancel=circle_url(circle),
        group=circle,
        intro=_(
            "Its roles and memberships end; its history and policies are kept. A circle with "
            "active sub-circles, or the only sponsor of an active workstream, cannot be archived."
        ),
        submit=_("Archive the circle"),
        danger=True,
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
    try:
        services.membership_join(actor=request.user, person=person, circle=circle)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("You joined the circle “%(name)s”.") % {"name": circle.name})
    return redirect(circle_url(circle))


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
                actor=request.user, owner=owner, text=form.cleaned_data["text"]
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
        services.accountability_remove(actor=request.user, accountability=accountability)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("The accountability was removed."))
    return redirect(group_url(group))


# Roles


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
                actor=request.user,
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
            services.role_amend(actor=request.user, role=role, data=form.to_data())
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
            services.role_archive(actor=request.user, role=role)
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
                actor=request.user,
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
                actor=request.user,
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
            services.role_assignment_end(actor=request.user, assignment=assignment)
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


# Workstreams


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
            workstream = services.workstream_create(actor=request.user, data=form.to_data())
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
                actor=request.user, workstream=workstream, data=form.to_data()
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
            services.workstream_archive(actor=request.user, workstream=workstream)
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
        services.workstream_transition(actor=request.user, workstream=workstream, transition=key)
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
            services.deliverable_add(actor=request.user, workstream=workstream, data=form.to_data())
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
    services.deliverable_set_done(actor=request.user, deliverable=deliverable, done=done)
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
    services.deliverable_remove(actor=request.user, deliverable=deliverable)
    messages.success(request, _("The deliverable was removed."))
    return redirect(workstream_url(workstream))


# Members and invitations


@permission_required("governance.manage_members", obj=_circle)
def circle_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _member_add(request, _circle(request, slug))


@permission_required("governance.manage_members", obj=_workstream)
def workstream_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _member_add(request, _workstream(request, slug))


def _members_url(group: Circle | Workstream) -> str:
    name = "circle_members" if isinstance(group, Circle) else "workstream_members"
    return reverse(f"governance:{name}", kwargs={"slug": group.slug})


def _member_add(request: HttpRequest, group: Circle | Workstream) -> HttpResponse:
    in_workstream = isinstance(group, Workstream)
    form = MemberForm(request.POST or None, in_workstream=in_workstream)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_join(
                actor=request.user,
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
            service(actor=request.user, membership=membership, note=form.cleaned_data["note"])
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


@permission_required("governance.invite", obj=_workstream)
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.invitation_create(
                actor=request.user,
                workstream=workstream,
                email=data["email"],
                kind=data["kind"],
                message=data["message"],
                expires_in_days=data["expires_in_days"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # The link exists only now (the database keeps its hash): show it to the inviter once.
            request.session[SESSION_INVITATION] = {
                "workstream": workstream.pk,
                "email": sent.invitation.email,
                "url": sent.accept_url,
            }
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": sent.invitation.email},
            )
            return redirect(_members_url(workstream))
    return _form_page(
        request,
        form,
        title=_("Invite someone to “%(name)s”") % {"name": workstream.name},
        cancel=workstream_url(workstream),
        group=workstream,
        intro=_(
            "The person receives an e-mail with a link to accept; they log in or create an "
            "account first. You will see the link too, to send it another way."
        ),
        submit=_("Send the invitation"),
    )


@permission_required("governance.invite", obj=_invitation_workstream)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect(_members_url(invitation.workstream))


def _invitation_problem(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """An unusable link: not found (404), or withdrawn, used, expired or closed (410)."""
    context = {"problem": " ".join(error.messages), "code": error.code}
    status = 404 if error.code == "invalid" else 410
    return render(request, "governance/invitation_accept.html", context, status=status)


@permission_required("governance.view_structure")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees whom it invites where; a logged-in account accepts it."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        invitation = services.invitation_check(token)
    except ValidationError as error:
        return _invitation_problem(request, error)
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, token=token)
        except ValidationError as error:
            return _invitation_problem(request, error)
        messages.success(
            request,
            _("Welcome to the workstream “%(name)s”.") % {"name": invitation.workstream.name},
        )
        return redirect(workstream_url(invitation.workstream))
    inviter = invitation.created_by
    context: dict[str, Any] = {
        "invitation": invitation,
        "workstream": invitation.workstream,
        # A name only: the link may be forwarded, and the inviter's address is theirs to share.
        "inviter": _display_name(inviter),
        "other_address": request.user.is_authenticated
        and request.user.email.lower() != invitation.email.lower(),
    }
    return render(request, "governance/invitation_accept.html", context)


def _display_name(user: Any) -> str:
    if user is None:
        return ""
    person = Person.objects.filter(user=user).first()
    return user.get_full_name() or (str(person) if person is not None else "")


# Policies


@permission_required("governance.view_circle")
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.policy_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    context = {"detail": detail, "policy": detail.policy, "circle": detail.policy.circle}
    return render(request, "governance/policy_detail.html", context)


def policy_url(policy: Policy) -> str:
    return reverse("governance:policy_detail", kwargs={"pk": policy.pk})


@permission_required("governance.amend_policies", obj=_circle)
def policy_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    circle = _circle(request, slug)
    form = PolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_adopt(actor=request.user, circle=circle, data=form.to_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The policy was adopted."))
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("New policy of “%(name)s”") % {"name": circle.name},
        cancel=circle_url(circle),
        group=circle,
        submit=_("Adopt the policy"),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_amend(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    initial = {"title": policy.title, "text": policy.text, "review_date": policy.review_date}
    form = PolicyForm(request.POST or None, amend=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_amend(
                actor=request.user,
                policy=policy,
                data=form.to_data(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The policy was amended: version %(version)s.") % {"version": policy.version},
            )
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("Amend the policy “%(title)s”") % {"title": policy.title},
        cancel=policy_url(policy),
        group=policy.circle,
        intro=_("The current text is kept in the policy's history as an earlier version."),
    )


@permission_required("governance.amend_policies", obj=_policy)
def policy_status(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    form = PolicyStatusForm(request.POST or None, initial={"status": policy.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.policy_set_status(
                actor=request.user,
                policy=policy,
                status=data["status"],
                review_date=data["review_date"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The policy's status was changed."))
            return redirect(policy_url(policy))
    return _form_page(
        request,
        form,
        title=_("Status of the policy “%(title)s”") % {"title": policy.title},
        cancel=policy_url(policy),
        group=policy.circle,
    )


# The governance calendar


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("governance:calendar_ical", kwargs={"token": token}))


@permission_required("governance.view_calendar")
def calendar(request: HttpRequest) -> HttpResponse:
    events = selectors.calendar_events(viewer=request.user)
    feed = _feed_url(request, selectors.calendar_feed_token(request.user))  # type: ignore[arg-type]
    context = {
        "events": events,
        "feed_url": feed,
        "webcal_url": "webcal://" + feed.split("://", 1)[1],
    }
    return render(request, "governance/calendar.html", context)


@permission_required("governance.view_calendar")
@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_reset(actor=request.user)
    messages.success(
        request,
        _("Your calendar has a new subscription link; the previous one no longer works."),
    )
    return redirect("governance:calendar")


# The feed is reached without a session (a calendar application subscribes to it): its signed
# token stands for the account, and the events are those that account may see.
@permission_required("governance.view_structure")
def calendar_ical(request: HttpRequest, token: str) -> HttpResponse:
    user = selectors.calendar_feed_user(token)
    if user is None:
        raise Http404
    body = build_ical(
        events=selectors.calendar_events(viewer=user),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gouvernance.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
