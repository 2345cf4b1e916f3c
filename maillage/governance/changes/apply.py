"""Checking a change against its action, carrying it out, describing it; its JSON Schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.governance.changes._common import Params, ValidChange, check_value, param_schema
from maillage.governance.changes.actions import ACTIONS


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
            values[name] = check_value(name, spec, params[name])
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
def change_apply(*, actor: Actor, change: Any) -> models.Model:
    """Validate `change` and carry it out through the services; returns the object created or
    changed. The services check the actor's permissions (a consented decision may apply its
    changes as `services.SYSTEM`) and record the history."""
    valid = change_validate(change)
    return valid.action.run(actor, valid.values)


@transaction.atomic
def changes_apply(*, actor: Actor, changes: list[Any]) -> list[models.Model]:
    """Apply several changes in order, all or nothing."""
    return [change_apply(actor=actor, change=change) for change in changes]


def change_describe(change: Any) -> str:
    """One line saying what a change does, for a proposal's page ("Create the circle …")."""
    if not isinstance(change, Mapping) or change.get("action") not in ACTIONS:
        return _("Unknown change")
    action = ACTIONS[change["action"]]
    params = change.get("params") or {}
    return action.describe(params if isinstance(params, Mapping) else {}) or str(action.label)


def schema(action: str) -> dict[str, Any]:
    """The JSON Schema of an action's change, for forms and other applications."""
    declared = ACTIONS[action]
    properties = {name: param_schema(spec) for name, spec in declared.params.items()}
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
