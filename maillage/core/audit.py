"""The audit log: services record what they did; pages read it back as a history.

Each app declares its verbs once, as a `Verbs` enumeration in its `verbs.py` (the value is what
the log stores, the label what a history shows), and registers it with `register_verbs`. Services
and selectors name a verb only through its enumeration, so every place an event is written or read
can be found by searching for the member.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from maillage.core.actors import Actor
from maillage.core.models import AuditEvent, User

# The namespace (`core.cache`) of every rendered history, bumped when a name they show changes
# (an account's) and by writes that send no signal; each app's histories have their own as well,
# bumped by the events about its objects only (`history_namespaces`): an event elsewhere (a
# download of "my data", a login) leaves them kept.
HISTORY_CACHE = "core.audit"


def history_namespace(app_label: str) -> str:
    """The namespace of the histories of the objects of the app `app_label`."""
    return f"{HISTORY_CACHE}.{app_label}"


def history_namespaces(app_label: str) -> tuple[str, str]:
    """What a kept history of the objects of `app_label` depends on (`cache.fragment`)."""
    return (HISTORY_CACHE, history_namespace(app_label))


def bump_history(sender: Any, instance: AuditEvent, **kwargs: Any) -> None:
    """An event was written or removed: the histories of its target's app are rendered again."""
    from maillage.core import cache

    if instance.target_type_id is not None:
        label = ContentType.objects.get_for_id(instance.target_type_id).app_label
        cache.bump(history_namespace(label))


class Verbs(models.TextChoices):
    """Base of every app's audit verbs (`CIRCLE_CREATED = "circle.created", _("created")`)."""


VERB_LABELS: dict[str, Promise | str] = {}


def register_verbs(verbs: type[Verbs]) -> None:
    for verb in verbs:
        VERB_LABELS[verb.value] = verb.label


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def record(
    *,
    actor: Actor | None,
    verb: Verbs,
    target: models.Model | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Call it inside the service's transaction."""
    real_actor = actor if isinstance(actor, User) else None
    event = AuditEvent(actor=real_actor, verb=verb.value, payload=payload or {})
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:255]
    event.save()
    return event


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for each value of `after` that differs from `before`."""
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


def _save[M: models.Model](
    instance: M, exclude: Sequence[str], relations: Mapping[str, Iterable[models.Model]] | None
) -> None:
    instance.full_clean(exclude=list(exclude))
    instance.save()
    for name, values in (relations or {}).items():
        getattr(instance, name).set(values)


def audited_save[M: models.Model](
    *,
    actor: Actor,
    instance: M,
    verb: Verbs,
    payload: dict[str, Any] | Callable[[M], dict[str, Any]],
    target: models.Model | None = None,
    relations: Mapping[str, Iterable[models.Model]] | None = None,
) -> M:
    """The one way a service saves a whole record (a new one, mostly) with one event: validate,
    save, set its many-to-many `relations`, and record `verb` on `target` (the record itself by
    default). A callable `payload` is read after saving, so it may name a new record's key.
    Call it inside the service's transaction."""
    _save(instance, (), relations)
    if callable(payload):
        payload = payload(instance)
    record(actor=actor, verb=verb, target=instance if target is None else target, payload=payload)
    return instance


def audited_update[M: models.Model](
    *,
    actor: Actor,
    instance: M,
    verb: Verbs,
    snapshot: Callable[[M], dict[str, Any]],
    fill: Callable[[M], None],
    relations: Mapping[str, Iterable[models.Model]] | None = None,
    exclude: Sequence[str] = ("slug",),
) -> dict[str, list[Any]]:
    """The one way a service amends a record: snapshot, fill, validate, save, set its
    many-to-many `relations`, diff, and record `verb` with the changed values (nothing is recorded
    when nothing changed). Returns the changes. Call it inside the service's transaction."""
    before = snapshot(instance)
    fill(instance)
    _save(instance, exclude, relations)
    found = changes(before, snapshot(instance))
    if found:
        record(actor=actor, verb=verb, target=instance, payload=found)
    return found


def audited_set[M: models.Model](
    *,
    actor: Actor,
    instance: M,
    verb: Verbs,
    values: Mapping[str, Any],
    payload: dict[str, Any] | None = None,
    target: models.Model | None = None,
    validate: bool = False,
) -> M:
    """The one way a service moves a record along (archived, ended, linked, a new status): set
    `values`, validate when asked, save those fields only, and record `verb` on `target` (the
    record itself by default). Call it inside the service's transaction."""
    for name, value in values.items():
        setattr(instance, name, value)
    if validate:
        instance.full_clean()
    # `update_fields` skips an `auto_now` field unless it is named.
    touched = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
    instance.save(update_fields=[*values, *touched])
    record(actor=actor, verb=verb, target=instance if target is None else target, payload=payload)
    return instance
