"""Checking a change against its action, carrying it out, describing it; its JSON Schema."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from maillage.governance.changes._base import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    REF,
    REFERENCES,
    TEXT,
    TEXTS,
    Param,
    Params,
    Reference,
    ValidChange,
)
from maillage.governance.changes.actions import ACTIONS


def _resolve_refs(ref: Reference, raw: list[Any], name: str) -> list[models.Model]:
    key_type = int if ref.field == "pk" else str
    keys: list[Any] = []
    for value in raw:
        if key_type is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(
                {name: _("Expected the number of a %(what)s.") % {"what": ref.label}}
            )
        if key_type is str and not isinstance(value, str):
            raise ValidationError(
                {name: _("Expected the key of a %(what)s.") % {"what": ref.label}}
            )
        keys.append(value)
    found = {
        getattr(obj, ref.field): obj
        for obj in ref.model._default_manager.filter(**{f"{ref.field}__in": keys})
    }
    missing = [str(k) for k in keys if k not in found]
    if missing:
        raise ValidationError(
            {name: _("No %(what)s “%(key)s”.") % {"what": ref.label, "key": missing[0]}}
        )
    return [found[k] for k in keys]


def _check_value(name: str, spec: Param, value: Any) -> Any:
    if spec.type == TEXT:
        if not isinstance(value, str):
            raise ValidationError({name: _("Expected a text.")})
        return value
    if spec.type == BOOL:
        if not isinstance(value, bool):
            raise ValidationError({name: _("Expected true or false.")})
        return value
    if spec.type == INT:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError({name: _("Expected a whole number.")})
        return value
    if spec.type == DATE:
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _bad_date()
        except ValueError:
            raise ValidationError({name: _("Expected a date (YYYY-MM-DD).")}) from None
    if spec.type == TEXTS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError({name: _("Expected a list of texts.")})
        return value
    if spec.type == CHOICE:
        values = value if spec.many else [value]
        if spec.many and not isinstance(value, list):
            raise ValidationError({name: _("Expected a list.")})
        for item in values:
            if item not in spec.choices:
                raise ValidationError(
                    {
                        name: _("“%(value)s” is not one of: %(choices)s.")
                        % {"value": item, "choices": ", ".join(spec.choices)}
                    }
                )
        return value
    if spec.type == REF:
        ref = REFERENCES[spec.ref]
        if value is None and not spec.many:
            return None
        if spec.many and not isinstance(value, list):
            raise ValidationError({name: _("Expected a list.")})
        objects = _resolve_refs(ref, value if spec.many else [value], name)
        return objects if spec.many else objects[0]
    raise AssertionError(spec.type)


def _bad_date() -> date:
    raise ValueError


def change_validate(change: Any) -> ValidChange:
    """Check `change` against its action's declaration and resolve its references.

    Raises ValidationError (translated, keyed by parameter) when it does not fit.
    """
    if not isinstance(change, Mapping) or set(change) - {"action", "params"}:
        raise ValidationError(_("A change is an object with an “action” and its “params”."))
    key = change.get("action")
    action = ACTIONS.get(key) if isinstance(key, str) else None
    if action is None:
        raise ValidationError({"action": _("Unknown action: %(action)s.") % {"action": key}})
    params = change.get("params", {})
    if not isinstance(params, Mapping):
        raise ValidationError({"params": _("The parameters are an object.")})
    unknown = sorted(set(params) - set(action.params))
    if unknown:
        raise ValidationError(
            {unknown[0]: _("Unknown parameter for %(action)s.") % {"action": action.key}}
        )
    errors: dict[str, list[str]] = {}
    values: Params = {}
    for name, spec in action.params.items():
        if name not in params:
            if spec.required:
                errors.setdefault(name, []).append(_("This parameter is required."))
            continue
        if spec.required and params[name] in (None, "", []):
            errors.setdefault(name, []).append(_("This parameter is required."))
            continue
        try:
            values[name] = _check_value(name, spec, params[name])
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                errors.setdefault(field_name, []).extend(messages)
    if action.one_of and sum(values.get(n) is not None for n in action.one_of) != 1:
        errors.setdefault(action.one_of[0], []).append(
            _("Give exactly one of: %(names)s.") % {"names": ", ".join(action.one_of)}
        )
    if errors:
        raise ValidationError(errors)
    return ValidChange(action=action, params=dict(params), values=values)


@transaction.atomic
def change_apply(*, actor: Any, change: Any) -> models.Model:
    """Validate `change` and carry it out through the services; returns the object created or
    changed. The services check the actor's permissions (a consented decision may apply its
    changes as `services.SYSTEM`) and record the history."""
    valid = change_validate(change)
    return valid.action.run(actor, valid.values)


@transaction.atomic
def changes_apply(*, actor: Any, changes: list[Any]) -> list[models.Model]:
    """Apply several changes in order, all or nothing."""
    return [change_apply(actor=actor, change=change) for change in changes]


def change_describe(change: Any) -> str:
    """One line saying what a change does, for a proposal's page ("Create the circle …")."""
    if not isinstance(change, Mapping) or change.get("action") not in ACTIONS:
        return _("Unknown change")
    action = ACTIONS[change["action"]]
    params = change.get("params") or {}
    return action.describe(params if isinstance(params, Mapping) else {}) or str(action.label)


_JSON_TYPES = {TEXT: "string", BOOL: "boolean", INT: "integer", DATE: "string"}


def schema(action: str) -> dict[str, Any]:
    """The JSON Schema of an action's change, for forms and other applications."""
    declared = ACTIONS[action]
    properties: dict[str, Any] = {}
    for name, spec in declared.params.items():
        item: dict[str, Any]
        if spec.type == REF:
            ref = REFERENCES[spec.ref]
            item = {"type": "integer" if ref.field == "pk" else "string"}
        elif spec.type == CHOICE:
            item = {"enum": list(spec.choices)}
        elif spec.type == TEXTS:
            item = {"type": "array", "items": {"type": "string"}}
        else:
            item = {"type": _JSON_TYPES[spec.type]}
            if spec.type == DATE:
                item["format"] = "date"
        if spec.many and spec.type != TEXTS:
            item = {"type": "array", "items": item}
        properties[name] = item
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": str(declared.label),
        "type": "object",
        "properties": {
            "action": {"const": action},
            "params": {
                "type": "object",
                "properties": properties,
                "required": [n for n, p in declared.params.items() if p.required],
                "additionalProperties": False,
            },
        },
        "required": ["action", "params"],
        "additionalProperties": False,
    }
