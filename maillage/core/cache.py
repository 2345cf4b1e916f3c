"""A versioned cache of rendered fragments.

A namespace ("governance.structure") has a version: an opaque token kept in Django's cache. A
fragment is cached under its namespace's current version, so `bump(namespace)` makes every
fragment of the namespace unreachable at once, without knowing their keys. `bump_on_change`
bumps a namespace whenever a row of the given models is saved or deleted, or one of their
many-to-many relations changes, so that no write can forget it.

The version is a random token, not a counter: a token taken in a transaction that rolls back is
never handed out again. `bump` sets a new token at once (the writing request and the tests read
their own write) and again once the transaction commits: a reader that, between the two, cached
what was committed before then, did so under a token already replaced.

The cache must be shared by every process that writes or reads (`REDIS_URL` when gunicorn runs
several workers, or a worker runs the tasks), as for login throttling.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

_VERSION = "maillage:version:"
_FRAGMENT = "maillage:fragment:"
FRAGMENT_TIMEOUT = 24 * 60 * 60  # seconds; a bump makes a fragment unreachable long before

# Every namespace some models bump: a migration writes rows without sending signals.
_WATCHED: set[str] = set()
# The namespaces each model bumps: a write that sends no signal names its model (`changed`).
_BY_MODEL: defaultdict[type[models.Model], set[str]] = defaultdict(set)


def _token() -> str:
    return secrets.token_hex(8)


def version(namespace: str) -> str:
    """The current version of `namespace` (one cache read; two more the first time)."""
    key = _VERSION + namespace
    current: str | None = cache.get(key)
    if current is None:
        cache.add(key, _token(), timeout=None)  # whoever adds first wins
        current = cache.get(key)
    return current or ""


class _BumpAfterCommit:
    """A transaction's pending bump of one namespace, recognisable among `run_on_commit`."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def __call__(self) -> None:
        cache.set(_VERSION + self.namespace, _token(), timeout=None)


def bump(namespace: str) -> None:
    """A new version of `namespace`: its cached fragments are rendered again when next asked."""
    cache.set(_VERSION + namespace, _token(), timeout=None)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Once per transaction, however many rows it writes (an import).
    pending = (
        isinstance(callback, _BumpAfterCommit) and callback.namespace == namespace
        for _savepoints, callback, _robust in connection.run_on_commit
    )
    if not any(pending):
        transaction.on_commit(_BumpAfterCommit(namespace))


def _key(namespace: str, visibility: str, filters: Iterable[object]) -> str:
    parts = [get_language() or "", visibility, *map(str, filters)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{_FRAGMENT}{namespace}:{digest}"


def fragment[V](
    namespace: str | tuple[str, ...],
    *,
    visibility: str,
    render: Callable[[], V],
    filters: Iterable[object] = (),
    timeout: int = FRAGMENT_TIMEOUT,
    keep: Callable[[V], bool] | None = None,
) -> V:
    """What `render()` returns, cached under the namespace's version, the page's language, the
    viewer's `visibility` class and the `filters` (anything else the output depends on).

    `visibility` names everything that makes two viewers see different things: two viewers with
    the same class must be allowed to see exactly the same fragment.

    A fragment is kept with the version it was rendered under, and read with the namespace's
    current version in one round trip to the cache: it is shown only when the two agree. What
    depends on several namespaces names them all (a tuple): a bump of any renders it again."""
    namespaces = (namespace,) if isinstance(namespace, str) else namespace
    version_keys = [_VERSION + name for name in namespaces]
    key = _key("+".join(namespaces), visibility, filters)
    found = _read([*version_keys, key])
    current = "|".join(
        found.get(version_key) or version(name)
        for name, version_key in zip(namespaces, version_keys, strict=True)
    )
    kept = found.get(key)
    if kept is not None and kept[0] == current:
        value: V = kept[1]
        return value
    value = render()
    if keep is None or keep(value):  # `keep` refuses what must not be shared
        cache.set(key, (current, value), timeout=timeout)
    return value


# Within `read_ahead`: what the page's previous visit read, read again in one round trip, and
# the keys this visit reads.
_AHEAD: ContextVar[tuple[dict[str, Any], set[str], list[str]] | None] = ContextVar(
    "cache_ahead", default=None
)
_PLAN = "maillage:plan:"


def _read(keys: list[str]) -> dict[str, Any]:
    ahead = _AHEAD.get()
    if ahead is None:
        return dict(cache.get_many(keys))
    found, planned, reads = ahead
    reads.extend(keys)
    missing = [key for key in keys if key not in planned]
    if missing:
        found.update(cache.get_many(missing))
        planned.update(missing)
    return {key: found[key] for key in keys if key in found}


@contextmanager
def read_ahead(page: str) -> Iterator[None]:
    """Within the block, the kept fragments and versions a page of many kept parts (My space)
    read on its previous visit are read in one round trip first, instead of one each; what it
    reads that the previous visit did not is read as usual, and the list kept for the next
    visit. `page` names the page and whose it is (its kept parts are per account). A fragment
    rendered in the block is read afresh on the next visit: nothing read ahead outlives it. For
    a page that writes nothing: a bump within the block would not be seen until the next visit."""
    name = f"{_PLAN}{page}:{get_language() or ''}"
    planned: list[str] = cache.get(name) or []
    reads: list[str] = []
    token = _AHEAD.set((dict(cache.get_many(planned)) if planned else {}, set(planned), reads))
    try:
        yield
    finally:
        _AHEAD.reset(token)
        if sorted(set(reads)) != sorted(planned):
            cache.set(name, sorted(set(reads)), timeout=FRAGMENT_TIMEOUT)


def deferred(build: Callable[[], dict[str, Any]], *keys: str) -> dict[str, Any]:
    """A page's context whose values `build()` computes once, when the template first reads one
    of `keys`: a page kept in a fragment (`{% cachedfragment %}`) that is found reads none of
    them, and asks the database nothing."""
    made: dict[str, Any] = {}

    def value(key: str) -> Any:
        if not made:
            made.update(build())
        return made[key]

    return {key: SimpleLazyObject(partial(value, key)) for key in keys}


def bump_on_change(
    namespace: str, *watched: type[models.Model], unless_only: Iterable[str] = ()
) -> None:
    """Bump `namespace` after any save or delete of a row of `watched`, and any change of their
    many-to-many relations (in either direction); a save of the fields `unless_only` alone (an
    account's last login) bumps nothing. Call it once, in an `AppConfig.ready()`.

    Writes that send no signal (`QuerySet.update`, `bulk_create`, `bulk_update`) must bump
    themselves (`changed`); after `migrate`, every watched namespace is bumped (`bump_all`)."""
    _WATCHED.add(namespace)
    for model in watched:
        _BY_MODEL[model].add(namespace)
    ignored = frozenset(unless_only)

    def on_write(sender: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if ignored and fields and set(fields) <= ignored:
            return
        if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed: once, after it
            bump(namespace)

    through: set[type[models.Model]] = set()
    for model in watched:
        uid = f"maillage.cache:{namespace}:{model._meta.label}"
        post_save.connect(on_write, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.get_fields():
            if isinstance(field, models.ManyToManyField) and field.remote_field.through:
                through.add(field.remote_field.through)
    for model in through:
        uid = f"maillage.cache:{namespace}:{model._meta.label}"
        m2m_changed.connect(on_write, sender=model, weak=False, dispatch_uid=uid)


def bump_by_row(model: type[models.Model], on_write: Callable[..., None], namespace: str) -> None:
    """Call `on_write(sender, instance, **kwargs)` after any save or delete of a row of `model`,
    to bump the namespace that row concerns; a write that sends no signal (`changed`) and a
    migration bump `namespace`, which must cover every such one."""
    _WATCHED.add(namespace)
    _BY_MODEL[model].add(namespace)
    uid = f"maillage.cache:by-row:{model._meta.label}"
    post_save.connect(on_write, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=uid)


def changed(*written: type[models.Model]) -> None:
    """Bump every namespace that watches one of the models `written` (`bump_on_change`): what a
    write that sends no signal (`QuerySet.update`, `bulk_update`) calls, without having to know
    which pages show those rows."""
    for namespace in sorted({name for model in written for name in _BY_MODEL.get(model, ())}):
        bump(namespace)


def bump_all(**kwargs: Any) -> None:
    """Bump every watched namespace (connected to `post_migrate`: data migrations send no
    signals)."""
    for namespace in sorted(_WATCHED):
        bump(namespace)
