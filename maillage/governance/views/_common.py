"""What the governance pages share: objects fetched once per request, URLs, the form page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypedDict

from django import forms
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.core.actions import form_status
from maillage.governance.models import Circle, Workstream
from maillage.territories.models import Level


def _cached[M: Model](request: HttpRequest, key: tuple[Any, ...], fetch: Callable[[], M]) -> M:
    """Fetch an object once per request: the permission check and the view share it."""
    cache: dict[tuple[Any, ...], Any] = request.__dict__.setdefault("_governance_objects", {})
    if key not in cache:
        cache[key] = fetch()
    found: M = cache[key]
    return found


class ByPk[M](Protocol):
    def __call__(self, request: HttpRequest, pk: int, **kwargs: Any) -> M: ...


def _by_pk[M: Model](queryset: QuerySet[M]) -> ByPk[M]:
    """A getter of one object of `queryset` by its key, as a view and its permission check call
    it (`obj=`), fetched once per request."""

    def fetch(request: HttpRequest, pk: int, **_kwargs: Any) -> M:
        return _cached(request, (queryset.model, pk), lambda: get_object_or_404(queryset, pk=pk))

    return fetch


def _circle(request: HttpRequest, slug: str, **_kwargs: Any) -> Circle:
    return _cached(
        request,
        ("circle", slug),
        lambda: get_object_or_404(Circle.objects.select_related("parent"), slug=slug),
    )


def _workstream(request: HttpRequest, slug: str, **_kwargs: Any) -> Workstream:
    return _cached(request, ("workstream", slug), lambda: get_object_or_404(Workstream, slug=slug))


def circle_url(circle: Circle) -> str:
    return reverse("governance:circle_detail", kwargs={"slug": circle.slug})


def workstream_url(workstream: Workstream) -> str:
    return reverse("governance:workstream_detail", kwargs={"slug": workstream.slug})


def group_url(group: Circle | Workstream) -> str:
    return circle_url(group) if isinstance(group, Circle) else workstream_url(group)


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
    name = "circle_members" if isinstance(group, Circle) else "workstream_members"
    return reverse(f"governance:{name}", kwargs={"slug": group.slug})


def level_labels(keys: list[str]) -> list[str]:
    return [str(Level(key).label) for key in keys if key in Level.values]


def _form_page(
    request: HttpRequest,
    form: forms.Form | None,
    *,
    title: str,
    cancel: str,
    group: Circle | Workstream | None = None,
    intro: str = "",
    submit: str = "",
    danger: bool = False,
) -> HttpResponse:
    """The generic form page (a confirmation without `form`); a form with errors answers 400 and
    keeps what was typed."""
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
    return render(request, "governance/form.html", context, status=form_status(form))
