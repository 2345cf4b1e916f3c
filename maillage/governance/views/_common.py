"""What the governance pages share: objects fetched once per request, URLs, the parts of a
circle's and a workstream's pages, the form and confirmation pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actions import action_redirect, form_status
from maillage.core.audit import history_namespaces
from maillage.core.formtools import typed
from maillage.core.lookups import one_of
from maillage.core.permissions import has_perm, permission_required
from maillage.governance import selectors
from maillage.governance.forms import PersonSeatForm
from maillage.governance.models import Circle, Workstream
from maillage.governance.panels import GROUP_PANELS
from maillage.governance.views.balance import balance_section
from maillage.territories.models import Level

if TYPE_CHECKING:
    from maillage.core.models import User

# Circles and workstreams listed per page: hundreds of them keep their lists light.
PAGE_SIZE = 25


_circle = one_of(Circle.objects.select_related("parent"), by="slug")
_workstream = one_of(Workstream.objects.all(), by="slug")


def _in_each_group(
    permission: str, view: Callable[[HttpRequest, Circle | Workstream], HttpResponse]
) -> tuple[Callable[[HttpRequest, str], HttpResponse], Callable[[HttpRequest, str], HttpResponse]]:
    """`view` as two pages, a circle's and a workstream's (by slug), each under `permission`
    checked against its group."""

    @permission_required(permission, obj=_circle)
    def in_circle(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _circle(request, slug))

    @permission_required(permission, obj=_workstream)
    def in_workstream(request: HttpRequest, slug: str) -> HttpResponse:
        return view(request, _workstream(request, slug))

    return in_circle, in_workstream


def circle_url(circle: Circle) -> str:
    return reverse("governance:circle_detail", kwargs={"slug": circle.slug})


def workstream_url(workstream: Workstream) -> str:
    return reverse("governance:workstream_detail", kwargs={"slug": workstream.slug})


def workspace_url(workstream: Workstream, tab: str = "") -> str:
    """A tab of a workstream's workspace: its announcements (""), `documents`, `deliverables`
    or `contacts`."""
    name = f"workspace_{tab}" if tab else "workspace"
    return reverse(f"governance:{name}", kwargs={"slug": workstream.slug})


def group_url(group: Circle | Workstream) -> str:
    return circle_url(group) if isinstance(group, Circle) else workstream_url(group)


def group_kind(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"


class GroupKwargs(TypedDict):
    circle: Circle | None
    workstream: Workstream | None


def group_kwargs(group: Circle | Workstream) -> GroupKwargs:
    """A circle or a workstream, as the services that take either name it."""
    return {
        "circle": group if isinstance(group, Circle) else None,
        "workstream": group if isinstance(group, Workstream) else None,
    }


def _members_url(group: Circle | Workstream) -> str:
    return reverse(f"governance:{group_kind(group)}_members", kwargs={"slug": group.slug})


def level_labels(keys: list[str]) -> list[str]:
    return [str(Level(key).label) for key in keys if key in Level.values]


def _group_context(
    request: HttpRequest, group: Circle | Workstream, *, can_view: bool
) -> dict[str, Any]:
    """What the page of a circle and that of a workstream both show."""
    of = group_kwargs(group)
    return {
        "levels": level_labels(group.levels),
        "today": timezone.localdate(),
        # Read only when the kept history is gone (`cachedfragment`, bumped by every event).
        "can_see_history": has_perm(request.user, "core.view_audit"),
        # Its roles' and policies' events too: all of them about the app's objects.
        "history_cache": history_namespaces("governance"),
        "history": lambda: selectors.governance_history(viewer=request.user, **of),
        "can_see_people": has_perm(request.user, "network.view_people"),
        "balance_html": (
            balance_section(request.user, group, f"{group_kind(group)}-balance") if can_view else ""
        ),
        # What the apps above add (their meetings…), for those who see the group's inside.
        "panels": GROUP_PANELS.render(group, request) if can_view else [],
    }


def _members_page(
    request: HttpRequest, group: Circle | Workstream, members: Any, **specific: Any
) -> HttpResponse:
    """The members of a circle or a workstream, with those who left."""
    context = {
        "group": group,
        "kind": group_kind(group),
        "members": members,
        "past": selectors.past_memberships(viewer=request.user, **group_kwargs(group)),
        "can_see_people": has_perm(request.user, "network.view_people"),
        **specific,
    }
    return render(request, "governance/members.html", context)


def _form_page(
    request: HttpRequest,
    form: forms.Form | None,
    *,
    title: str,
    group: Circle | Workstream | None = None,
    cancel: str = "",
    intro: str = "",
    submit: str = "",
    danger: bool = False,
) -> HttpResponse:
    """The generic form page (a confirmation without `form`); a form with errors answers 400 and
    keeps what was typed. Cancelling goes back to the group's page unless `cancel` says where."""
    if not cancel and group is not None:
        cancel = group_url(group)
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel,
        "group": group,
        "group_section": f"{group_kind(group)}s" if group is not None else "",
        "group_url": group_url(group) if group is not None else "",
        "intro": intro,
        "submit": submit or _("Save"),
        "danger": danger,
    }
    return render(request, "governance/form.html", context, status=form_status(form))


def _confirm_page(
    request: HttpRequest,
    action: Callable[[User], object],
    *,
    group: Circle | Workstream,
    title: str,
    intro: str,
    submit: str,
    success: str,
    to: str = "",
) -> HttpResponse:
    """A confirmation page (archive, end a term): its POST runs the service and goes `to` the
    group's page unless said otherwise; a refusal comes back to the group's page."""
    back = group_url(group)
    if request.method == "POST":
        return action_redirect(request, action, success=success, to=to or back, refused_to=back)
    return _form_page(
        request,
        None,
        title=title,
        group=group,
        intro=intro,
        submit=submit,
        danger=True,
    )


def seat_step[F: PersonSeatForm](
    request: HttpRequest, form: F, again: Callable[[dict[str, Any]], F]
) -> F | None:
    """Without JavaScript, a form sent for a person whose seats it did not show yet (see
    `PersonSeatForm`): the same form again, `again(initial)`, with what was typed and that
    person's seats to choose from; None for a form to save."""
    if not form.seat_step():
        return None
    messages.info(
        request,
        _(
            "Here are the current seats of the person chosen: choose the one through which they "
            "sit, or “In their own name”, then save."
        ),
    )
    return again(typed(form))


def seat_field(request: HttpRequest, form: PersonSeatForm) -> HttpResponse:
    """The seat list of `form` alone, which HTMX puts in place when the person changes."""
    return render(request, "core/_form_field.html", {"field": form["seat"]})
