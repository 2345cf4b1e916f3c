"""The object a page is about, fetched once per request: the permission check (`obj=` of
`permission_required`) and the view share it instead of querying twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404


def once_per_request[T](request: HttpRequest, key: tuple[Any, ...], fetch: Callable[[], T]) -> T:
    """`fetch()` the first time `key` is asked for during `request`, the same answer after."""
    cache: dict[tuple[Any, ...], Any] = request.__dict__.setdefault("_maillage_objects", {})
    if key not in cache:
        cache[key] = fetch()
    found: T = cache[key]
    return found


class Getter[M](Protocol):
    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> M: ...


def one_of[M: Model](queryset: QuerySet[M], *, by: str = "pk") -> Getter[M]:
    """A getter of the one object of `queryset` whose `by` is the view's argument of that name
    (or its first positional argument), a 404 when there is none."""

    def fetch(request: HttpRequest, *args: Any, **kwargs: Any) -> M:
        value = args[0] if args else kwargs[by]
        return once_per_request(
            request,
            (queryset.model, by, value),
            lambda: get_object_or_404(queryset, **{by: value}),
        )

    return fetch
