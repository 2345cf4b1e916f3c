"""What a change is made of (its parameters, the objects they refer to, its action), and how a
parameter's value is checked and described in JSON Schema."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.governance.models import Circle, Policy, Role, Strategy, Workstream
from maillage.network.models import Person, Seat, Sector
from maillage.territories.models import Territory

# Parameter types
TEXT = "text"
BOOL = "bool"
INT = "int"
DATE = "date"
CHOICE = "choice"
TEXTS = "texts"  # a list of strings
REF = "ref"


@dataclass(frozen=True)
class Param:
    type: str
    required: bool = False
    many: bool = False  # for references and choices: a list of them
    choices: tuple[str, ...] = ()
    ref: str = ""  # for references: a key of REFERENCES


@dataclass(frozen=True)
class Reference:
    model: type[models.Model]
    field: str  # the lookup field; its values are strings, or ints for "pk"
    label: Promise


REFERENCES: dict[str, Reference] = {
    "circle": Reference(Circle, "slug", gettext_lazy("circle")),
    "workstream": Reference(Workstream, "slug", gettext_lazy("workstream")),
    "role": Reference(Role, "pk", gettext_lazy("role")),
    "policy": Reference(Policy, "pk", gettext_lazy("policy")),
    "person": Reference(Person, "slug", gettext_lazy("person")),
    "seat": Reference(Seat, "pk", gettext_lazy("seat")),
    "territory": Reference(Territory, "slug", gettext_lazy("territory")),
    "strategy": Reference(Strategy, "key", gettext_lazy("strategy")),
    "sector": Reference(Sector, "key", gettext_lazy("sector")),
}

Params = dict[str, Any]


@dataclass(frozen=True)
class Action:
    key: str
    label: Promise
    params: Mapping[str, Param]
    run: Callable[[Any, Params], models.Model]
    # Exactly one of these parameters must be given (e.g. a role's circle or workstream).
    one_of: tuple[str, ...] = ()
    describe: Callable[[Mapping[str, Any]], str] = field(default=lambda p: "")


@dataclass
class ValidChange:
    action: Action
    params: Params  # as given (JSON)
    values: Params  # resolved: objects, dates


# Checking a value against its parameter


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


def check_value(name: str, spec: Param, value: Any) -> Any:
    """The value given for the parameter `name`, checked; references become their objects."""
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


_JSON_TYPES = {TEXT: "string", BOOL: "boolean", INT: "integer", DATE: "string"}


def param_schema(spec: Param) -> dict[str, Any]:
    """The JSON Schema of one parameter."""
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
    return item
