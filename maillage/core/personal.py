"""The registry of personal information (Québec's Law 25), which every app fills next to its models.

Each app declares, in its `personal.py` (imported when the app is ready):
- `declare(...)`: which fields of a model hold personal information, for what purpose, who may see
  them and how long they are kept; `exempt(...)` for a field that only looks personal (an
  organization's general e-mail), with the reason. A test walks every model of the project and
  fails on a field that looks personal and is neither, so the registry cannot drift.
- `register_export(...)`: what "my data" shows of an account in that app (sections of rows);
- `register_anonymizer(...)`: how that app replaces the account's person by "Personne anonymisée n"
  and removes their contact details, keeping the collective's records whole;
- `register_retention(...)`: a kind of information kept for a while, what has expired, and how to
  remove it (the daily retention task's dry run lists `expired`, its real run calls `remove`).

Core names no app: the privacy app reads the registry to build "my data", the anonymization and the
retention task.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import timedelta
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast, overload

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, F, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop

from maillage.core import cache

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

type Text = Promise | str


@dataclass(frozen=True)
class PersonalData:
    """Fields of one model that hold personal information, and what the collective does with
    them. `seen_by` and `kept` are plain words for the person ("partner members and staff", "while
    the seat is held, then three years")."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    purpose: Text
    seen_by: Text
    kept: Text


@dataclass(frozen=True)
class Exempt:
    """Fields that look personal but are not (an organization's address), and why."""

    model: str
    fields: tuple[str, ...]
    reason: Text


@dataclass(frozen=True)
class Row:
    """One record in "my data": its values by field label (plain values: text, numbers, booleans,
    dates, None), and where to correct it, if the person may (a URL)."""

    values: dict[str, Any]
    correct_url: str = ""


class Rows(Sequence[Row]):
    """A section's rows, built when first read. Whether there are any is known before: the
    contents of "my data" list the kinds an account has records of (its `Held` probe's answer)
    without reading the records themselves."""

    def __init__(self, build: Callable[[], Iterable[Row]], *, held: bool) -> None:
        self._build = build
        self._held = held
        self._rows: list[Row] | None = None

    def _read(self) -> list[Row]:
        if self._rows is None:
            self._rows = list(self._build()) if self._held else []
        return self._rows

    def __bool__(self) -> bool:
        return self._held if self._rows is None else bool(self._rows)

    def __len__(self) -> int:
        return len(self._read())

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._read()[index]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows | list | tuple):
            return self._read() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Rows({self._rows!r})" if self._rows is not None else f"Rows(held={self._held})"


@dataclass(frozen=True)
class Section:
    """One kind of record of "my data": a stable `key` (its file in the download), a title, the
    purpose it serves, and its rows (a list, or `Rows` read when first needed)."""

    key: str
    title: Text
    purpose: Text
    rows: Sequence[Row]


class Held:
    """The account's records of several kinds, asked for in one query first: most people have
    none of most kinds, and each empty kind would otherwise cost its own round trip and query
    compilation. `held[name]` is the kind's query when the account has any, else nothing."""

    def __init__(self, account: User, **kinds: QuerySet[Any]) -> None:
        self._kinds = kinds
        # Aliases of their own: a kind's name may be a field of the account's model.
        probe = {f"held_{index}": Exists(query) for index, query in enumerate(kinds.values())}
        accounts = get_user_model().objects.filter(pk=account.pk)
        found = (accounts.values(**probe).first() if kinds else None) or {}
        self._held = {name for index, name in enumerate(kinds) if found.get(f"held_{index}")}

    def __contains__(self, name: str) -> bool:
        return name in self._held

    def __getitem__(self, name: str) -> Iterable[Any]:
        return self._kinds[name] if name in self._held else ()

    def lazy(self, build: Callable[[], Iterable[Row]], *names: str) -> Rows:
        """A section's rows, built by `build` from the kinds `names` when first read."""
        return Rows(build, held=any(name in self._held for name in names))


type Exporter = Callable[["User"], Iterable[Section]]
# Called with the account, its pseudonym ("Personne anonymisée 7"), who acts and whether the person
# asked that the free texts they wrote be removed too, inside the anonymization's transaction. It
# keeps the collective's records whole (a vote still counts, a decision keeps its text) and removes
# the person's contact details and any copy of their name the app keeps.
type Anonymizer = Callable[..., None]


@dataclass(frozen=True)
class Expired:
    """One record a retention rule would remove: its primary key and how the log names it
    (never by the person's name: "Compte n° 12", "Demande 2017-004")."""

    pk: Any
    label: str


@dataclass(frozen=True)
class RetentionRule:
    """A kind of information kept for `period` after `since` (in words: "the last login"),
    then anonymized or deleted. `expired(now)` lists what is past its period; `remove(pks, actor)`
    removes exactly those records and returns how many it removed."""

    key: str
    label: Text
    period: timedelta
    since: Text
    action: Text  # "anonymized" / "deleted", in words
    expired: Callable[[Any], list[Expired]]
    remove: Callable[..., int]


@dataclass
class Registry:
    personal: dict[str, PersonalData] = field(default_factory=dict)
    exempt: dict[str, Exempt] = field(default_factory=dict)
    exporters: dict[str, Exporter] = field(default_factory=dict)
    anonymizers: dict[str, Anonymizer] = field(default_factory=dict)
    retention: dict[str, RetentionRule] = field(default_factory=dict)


REGISTRY = Registry()
_loaded = False


def load() -> Registry:
    """The registry, once every app's `personal` module has been imported."""
    global _loaded
    if not _loaded:
        from maillage.core.apps import project_modules

        # Core's `personal` is this registry: its own records are declared beside it, first.
        import_module("maillage.core.personal_accounts")
        project_modules("personal")
        _loaded = True
    return REGISTRY


def _key(model: str, field_name: str) -> str:
    return f"{model.lower()}.{field_name}"


def declare(model: str, *, fields: Iterable[str], purpose: Text, seen_by: Text, kept: Text) -> None:
    """Declare `fields` of `model` ("app_label.Model") as personal information."""
    data = PersonalData(model, tuple(fields), purpose, seen_by, kept)
    for name in data.fields:
        REGISTRY.personal[_key(model, name)] = data


def exempt(model: str, *, fields: Iterable[str], reason: Text) -> None:
    """Declare fields that look personal but hold no personal information, with the reason."""
    data = Exempt(model, tuple(fields), reason)
    for name in data.fields:
        REGISTRY.exempt[_key(model, name)] = data


def register_export(key: str, exporter: Exporter) -> None:
    REGISTRY.exporters[key] = exporter


def register_anonymizer(key: str, anonymizer: Anonymizer) -> None:
    REGISTRY.anonymizers[key] = anonymizer


def register_retention(rule: RetentionRule) -> None:
    REGISTRY.retention[rule.key] = rule


def declaration(model: type[models.Model], field_name: str) -> PersonalData | Exempt | None:
    key = _key(model._meta.label, field_name)
    load()
    return REGISTRY.personal.get(key) or REGISTRY.exempt.get(key)


# A field looks personal by its name (a name, a contact detail, a birth date) or because a person
# writes it freely (any TextField).
PERSONAL_NAME = re.compile(
    r"(^|_)(first_name|last_name|full_name|name|email|e_mail|phone|telephone|mobile|address"
    r"|street|postal_code|birth|birthday|date_of_birth)($|_)"
)


def looks_personal(model_field: models.Field[Any, Any]) -> bool:
    if not model_field.concrete or model_field.is_relation:
        return False
    if isinstance(model_field, models.TextField | models.EmailField):
        return True
    return bool(PERSONAL_NAME.search(model_field.name))


def undeclared(models_to_check: Iterable[type[models.Model]] | None = None) -> list[str]:
    """The fields that look personal and are neither declared nor exempt ("app.Model.field")."""
    load()
    if models_to_check is None:
        models_to_check = [
            model for model in apps.get_models() if model.__module__.startswith("maillage.")
        ]
    found = []
    for model in models_to_check:
        for model_field in model._meta.get_fields():
            # A field inherited from a table outside the project (Wagtail's pages) is not ours.
            if not isinstance(model_field, models.Field) or model_field.model is not model:
                continue
            if looks_personal(model_field) and declaration(model, model_field.name) is None:
                found.append(f"{model._meta.label}.{model_field.name}")
    return sorted(found)


# The marker left where a person's free text was removed at their request.
TEXT_REMOVED = gettext_noop("Text removed at the person's request.")


def stored(message: str) -> str:
    """A marker (`gettext_noop`) as an anonymizer stores it: in the platform's language, whoever
    asked."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message)


def full_names(name: str) -> list[str]:
    """A person's full name, when it is precise enough to be searched for inside a text: a first
    name alone would rewrite other people's words."""
    name = name.strip()
    return [name] if len(name.split()) >= 2 else []


def replace_in_texts(
    columns: Iterable[tuple[type[models.Model], str]], names: list[str], pseudonym: str
) -> None:
    """Replace each of `names` by `pseudonym` in the text `columns`, in the database, one update
    per column and name (only the rows that hold the name are written)."""
    for model, column in columns:
        for name in names:
            model._default_manager.filter(**{f"{column}__contains": name}).update(
                **{column: Replace(F(column), Value(name), Value(pseudonym))}
            )


def addresses_of(account: User) -> list[str]:
    """Every e-mail address of `account` (its own and those it added), lowercased: what an
    invitation or a record addressed to this person was sent to."""
    from allauth.account.models import EmailAddress

    def read() -> list[str]:
        found = {account.email.lower()} if account.email else set()
        found.update(
            address.lower()
            for address in EmailAddress.objects.filter(user=account).values_list("email", flat=True)
        )
        return sorted(found)

    return list(shared("core.addresses", account, read))


# What several apps' sections read of the same account during one export (its addresses, its
# person record): read once. Outside an export, read each time (a service must see its writes).
_shared: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar("personal_shared", default=None)


def shared[T](key: str, account: User, read: Callable[[], T]) -> T:
    """`read()`, once per export of `account` for `key`."""
    memo = _shared.get()
    if memo is None:
        return read()
    if (key, account.pk) not in memo:
        memo[key, account.pk] = read()
    return cast(T, memo[key, account.pk])


def rename_in_history(
    events: models.QuerySet[Any],
    names: Iterable[str],
    pseudonym: str,
    *,
    exact: Iterable[str] = (),
) -> int:
    """In these audit events (an anonymizer picks those that may name the person), put
    `pseudonym` in place of each of `names` wherever the history copied it: in the target's label
    and in the payload's text values; a value that is exactly one of `exact` (a first name alone,
    too short to replace inside other words) is replaced whole. Other values stay. One query to
    read, one to write."""
    old = sorted({name for name in names if name}, key=len, reverse=True)
    whole = {value for value in exact if value}
    if not (old or whole):
        return 0

    def renamed(value: Any) -> Any:
        if isinstance(value, str):
            if value in whole:
                return pseudonym
            for name in old:
                value = value.replace(name, pseudonym)
            return value
        if isinstance(value, list):
            return [renamed(item) for item in value]
        if isinstance(value, dict):
            return {key: renamed(item) for key, item in value.items()}
        return value

    changed = []
    for event in events.only("pk", "target_repr", "payload"):
        target_repr, payload = renamed(event.target_repr), renamed(event.payload)
        if target_repr != event.target_repr or payload != event.payload:
            event.target_repr, event.payload = target_repr, payload
            changed.append(event)
    if changed:
        model = type(changed[0])
        model.objects.bulk_update(changed, ["target_repr", "payload"])
        cache.changed(model)  # a bulk update sends no signal: the kept histories go
    return len(changed)


def _by_layer[T](registered: dict[str, T]) -> list[T]:
    """The registered callables, lower layers first: by their key's app ("network",
    "privacy.officer") in the order of INSTALLED_APPS, whatever the order in which the modules
    happened to be imported (a test may import one app's module before the others)."""
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    keys = sorted(registered, key=lambda key: (order.get(key.partition(".")[0], len(order)), key))
    return [registered[key] for key in keys]


def _gather(
    account: User, read: Callable[[Section], Section], *, app: str | None = None
) -> list[Section]:
    sections: list[Section] = []
    exporters = load().exporters
    if app is not None:
        # A section's key starts with its app's label, like its exporter's key.
        exporters = {key: fn for key, fn in exporters.items() if key.partition(".")[0] == app}
    token = _shared.set({})
    try:
        for exporter in _by_layer(exporters):
            sections.extend(exporter(account))
        # Read inside the export, where what several apps share is read once.
        return [read(section) for section in sections]
    finally:
        _shared.reset(token)


def _in_full(section: Section) -> Section:
    return replace(section, rows=list(section.rows))


def export(account: User) -> list[Section]:
    """Every section of "my data" for `account`, from every app, lower layers first, with all
    their rows (the files)."""
    return _gather(account, _in_full)


def contents(account: User) -> list[Section]:
    """The sections of "my data" for `account`, whose rows are read only if asked for: enough
    to tell which kinds of records the platform holds (each app's probe) without reading them."""
    return _gather(account, lambda section: section)


def section_of(account: User, key: str) -> Section | None:
    """One section of "my data" for `account`, with its rows; None for a key no app exports.
    Only the exporters of the key's app are asked."""
    found = _gather(
        account,
        lambda section: _in_full(section) if section.key == key else section,
        app=key.partition(".")[0],
    )
    return next((section for section in found if section.key == key), None)


def anonymize_everywhere(
    *, account: User, pseudonym: str, actor: Actor, remove_texts: bool = False
) -> None:
    """Every app's anonymizer, the upper apps first (they may still read what a lower app keeps
    until its own turn)."""
    for anonymizer in reversed(_by_layer(load().anonymizers)):
        anonymizer(account=account, pseudonym=pseudonym, actor=actor, remove_texts=remove_texts)
