"""Structural changes as data.

A change is a JSON-serialisable dict::

    {"action": "circle.create", "params": {"name": "Habitation", "parent": "cercle-general"}}

Each action declares its parameters (`ACTIONS`, also exported as JSON Schema by `schema()`);
`change_validate` checks a change against its declaration and resolves references, and
`change_apply(*, actor, change)` carries it out through the services, which check permissions
and record the history. A consented proposal (decisions app) stores its changes this way and
applies them once adopted.

References: circles and workstreams by slug, people by slug, territories by slug, strategies by
key, levels by key, roles, policies and seats by id. An "amend" action changes only the
parameters it gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.governance import services, workflows
from maillage.governance.models import (
    Circle,
    CircleMode,
    Policy,
    PolicyStatus,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.network.models import Person, Seat
from maillage.territories.models import Level, Territory

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


# The shared parameters of circles, workstreams, roles and policies

_CIRCLE = {
    "name": Param(TEXT),
    "purpose": Param(TEXT),
    "parent": Param(REF, ref="circle"),
    "domains": Param(TEXTS),
    "accountabilities": Param(TEXTS),
    "territories": Param(REF, many=True, ref="territory"),
    "levels": Param(CHOICE, many=True, choices=tuple(Level.values)),
    "strategies": Param(REF, many=True, ref="strategy"),
    "mode": Param(CHOICE, choices=tuple(CircleMode.values)),
}
_WORKSTREAM = {
    "name": Param(TEXT),
    "mandate": Param(TEXT),
    "sponsors": Param(REF, many=True, ref="circle"),
    "start_date": Param(DATE),
    "sunset_date": Param(DATE),
    "territories": Param(REF, many=True, ref="territory"),
    "levels": Param(CHOICE, many=True, choices=tuple(Level.values)),
    "strategies": Param(REF, many=True, ref="strategy"),
}
_ROLE = {
    "name": Param(TEXT),
    "purpose": Param(TEXT),
    "kind": Param(CHOICE, choices=tuple(RoleKind.values)),
    "accountabilities": Param(TEXTS),
    "elected": Param(BOOL),
    "term_months": Param(INT),
    "may_amend_policies": Param(BOOL),
}
_POLICY = {
    "title": Param(TEXT),
    "text": Param(TEXT),
    "review_date": Param(DATE),
}


def _required(params: Mapping[str, Param], *names: str) -> dict[str, Param]:
    return {k: replace(p, required=True) if k in names else p for k, p in params.items()}


def _merge(data: Any, values: Params, names: Mapping[str, Param]) -> Any:
    """`data` with the given values replaced (an amendment changes only what it names)."""
    given = {k: v for k, v in values.items() if k in names}
    return replace(data, **given)


# Runners: resolved values → services


def _circle_create(actor: Any, v: Params) -> models.Model:
    data = services.CircleData(name=v["name"])
    data = _merge(data, v, _CIRCLE)
    if "slug" in v:
        data.slug = v["slug"]
    return services.circle_create(actor=actor, data=data)


def _circle_amend(actor: Any, v: Params) -> models.Model:
    circle: Circle = v["circle"]
    data = _merge(services.circle_data_of(circle), v, _CIRCLE)
    return services.circle_amend(actor=actor, circle=circle, data=data)


def _circle_archive(actor: Any, v: Params) -> models.Model:
    return services.circle_archive(actor=actor, circle=v["circle"])


def _workstream_create(actor: Any, v: Params) -> models.Model:
    data = services.WorkstreamData(name=v["name"], sponsors=v["sponsors"])
    data = _merge(data, v, _WORKSTREAM)
    data.deliverables = [services.DeliverableData(title=t) for t in v.get("deliverables", [])]
    if "slug" in v:
        data.slug = v["slug"]
    return services.workstream_create(actor=actor, data=data)


def _workstream_amend(actor: Any, v: Params) -> models.Model:
    workstream: Workstream = v["workstream"]
    data = _merge(services.workstream_data_of(workstream), v, _WORKSTREAM)
    return services.workstream_amend(actor=actor, workstream=workstream, data=data)


def _workstream_archive(actor: Any, v: Params) -> models.Model:
    return services.workstream_archive(actor=actor, workstream=v["workstream"])


def _workstream_transition(actor: Any, v: Params) -> models.Model:
    return services.workstream_transition(
        actor=actor, workstream=v["workstream"], transition=v["transition"]
    )


def _role_create(actor: Any, v: Params) -> models.Model:
    data = _merge(services.RoleData(), v, _ROLE)
    return services.role_create(
        actor=actor, data=data, circle=v.get("circle"), workstream=v.get("workstream")
    )


def _role_amend(actor: Any, v: Params) -> models.Model:
    role: Role = v["role"]
    data = _merge(services.role_data_of(role), v, _ROLE)
    if "kind" in v and "may_amend_policies" not in v:
        data.may_amend_policies = None  # the new kind's default
    return services.role_amend(actor=actor, role=role, data=data)


def _role_archive(actor: Any, v: Params) -> models.Model:
    return services.role_archive(actor=actor, role=v["role"])


def _role_assign(actor: Any, v: Params) -> models.Model:
    return services.role_assign(
        actor=actor,
        role=v["role"],
        person=v["person"],
        seat=v.get("seat"),
        substitutes=v.get("substitutes"),
        start_date=v.get("start_date"),
        term_end=v.get("term_end"),
    )


def _role_unassign(actor: Any, v: Params) -> models.Model:
    assignment = RoleAssignment.objects.filter(
        role=v["role"], person=v["person"], ended_at__isnull=True
    ).first()
    if assignment is None:
        raise ValidationError({"person": _("This person does not hold this role.")})
    return services.role_assignment_end(actor=actor, assignment=assignment)


def _policy_adopt(actor: Any, v: Params) -> models.Model:
    data = services.PolicyData(
        title=v["title"],
        text=v["text"],
        review_date=v.get("review_date"),
        adopted_on=v.get("adopted_on"),
    )
    return services.policy_adopt(actor=actor, circle=v["circle"], data=data)


def _policy_amend(actor: Any, v: Params) -> models.Model:
    policy: Policy = v["policy"]
    data = services.PolicyData(
        title=v.get("title", policy.title),
        text=v.get("text", policy.text),
        review_date=v.get("review_date", policy.review_date),
    )
    return services.policy_amend(actor=actor, policy=policy, data=data, note=v.get("note", ""))


def _policy_retire(actor: Any, v: Params) -> models.Model:
    return services.policy_retire(actor=actor, policy=v["policy"], note=v.get("note", ""))


def _policy_renew(actor: Any, v: Params) -> models.Model:
    return services.policy_set_status(
        actor=actor,
        policy=v["policy"],
        status=PolicyStatus.ACTIVE,
        review_date=v.get("review_date"),
        note=v.get("note", ""),
    )


def _name(p: Mapping[str, Any], key: str = "name") -> str:
    return str(p.get(key, ""))


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in [
        Action(
            "circle.create",
            gettext_lazy("Create a circle"),
            _required(_CIRCLE, "name") | {"slug": Param(TEXT)},
            _circle_create,
            describe=lambda p: _("Create the circle “%(name)s”") % {"name": _name(p)},
        ),
        Action(
            "circle.amend",
            gettext_lazy("Amend a circle"),
            {"circle": Param(REF, required=True, ref="circle"), **_CIRCLE},
            _circle_amend,
            describe=lambda p: _("Amend the circle “%(circle)s”") % {"circle": _name(p, "circle")},
        ),
        Action(
            "circle.archive",
            gettext_lazy("Archive a circle"),
            {"circle": Param(REF, required=True, ref="circle")},
            _circle_archive,
            describe=lambda p: (
                _("Archive the circle “%(circle)s”") % {"circle": _name(p, "circle")}
            ),
        ),
        Action(
            "workstream.create",
            gettext_lazy("Create a workstream"),
            _required(_WORKSTREAM, "name", "sponsors")
            | {"deliverables": Param(TEXTS), "slug": Param(TEXT)},
            _workstream_create,
            describe=lambda p: _("Create the workstream “%(name)s”") % {"name": _name(p)},
        ),
        Action(
            "workstream.amend",
            gettext_lazy("Amend a workstream"),
            {"workstream": Param(REF, required=True, ref="workstream"), **_WORKSTREAM},
            _workstream_amend,
            describe=lambda p: (
                _("Amend the workstream “%(workstream)s”") % {"workstream": _name(p, "workstream")}
            ),
        ),
        Action(
            "workstream.archive",
            gettext_lazy("Archive a workstream"),
            {"workstream": Param(REF, required=True, ref="workstream")},
            _workstream_archive,
            describe=lambda p: (
                _("Archive the workstream “%(workstream)s”")
                % {"workstream": _name(p, "workstream")}
            ),
        ),
        Action(
            "workstream.transition",
            gettext_lazy("Change the status of a workstream"),
            {
                "workstream": Param(REF, required=True, ref="workstream"),
                "transition": Param(
                    CHOICE,
                    required=True,
                    choices=tuple(t.key for t in workflows.WORKSTREAM.transitions),
                ),
            },
            _workstream_transition,
            describe=lambda p: (
                _("Workstream “%(workstream)s”: %(transition)s")
                % {"workstream": _name(p, "workstream"), "transition": _name(p, "transition")}
            ),
        ),
        Action(
            "role.create",
            gettext_lazy("Create a role"),
            {
                "circle": Param(REF, ref="circle"),
                "workstream": Param(REF, ref="workstream"),
                **_ROLE,
            },
            _role_create,
            one_of=("circle", "workstream"),
            describe=lambda p: _("Create the role “%(name)s”") % {"name": _name(p)},
        ),
        Action(
            "role.amend",
            gettext_lazy("Amend a role"),
            {"role": Param(REF, required=True, ref="role"), **_ROLE},
            _role_amend,
            describe=lambda p: (
                _("Amend a role (%(name)s)") % {"name": _name(p) or _name(p, "role")}
            ),
        ),
        Action(
            "role.archive",
            gettext_lazy("Archive a role"),
            {"role": Param(REF, required=True, ref="role")},
            _role_archive,
            describe=lambda p: _("Archive a role (%(role)s)") % {"role": _name(p, "role")},
        ),
        Action(
            "role.assign",
            gettext_lazy("Assign a role"),
            {
                "role": Param(REF, required=True, ref="role"),
                "person": Param(REF, required=True, ref="person"),
                "seat": Param(REF, ref="seat"),
                "substitutes": Param(REF, many=True, ref="person"),
                "start_date": Param(DATE),
                "term_end": Param(DATE),
            },
            _role_assign,
            describe=lambda p: _("Assign a role to %(person)s") % {"person": _name(p, "person")},
        ),
        Action(
            "role.unassign",
            gettext_lazy("End a role assignment"),
            {
                "role": Param(REF, required=True, ref="role"),
                "person": Param(REF, required=True, ref="person"),
            },
            _role_unassign,
            describe=lambda p: (
                _("%(person)s stops holding a role") % {"person": _name(p, "person")}
            ),
        ),
        Action(
            "policy.adopt",
            gettext_lazy("Adopt a policy"),
            {
                "circle": Param(REF, required=True, ref="circle"),
                **_required(_POLICY, "title", "text"),
                "adopted_on": Param(DATE),
            },
            _policy_adopt,
            describe=lambda p: _("Adopt the policy “%(title)s”") % {"title": _name(p, "title")},
        ),
        Action(
            "policy.amend",
            gettext_lazy("Amend a policy"),
            {"policy": Param(REF, required=True, ref="policy"), **_POLICY, "note": Param(TEXT)},
            _policy_amend,
            describe=lambda p: _("Amend a policy (%(policy)s)") % {"policy": _name(p, "policy")},
        ),
        Action(
            "policy.renew",
            gettext_lazy("Renew a policy after its review"),
            {
                "policy": Param(REF, required=True, ref="policy"),
                "review_date": Param(DATE),
                "note": Param(TEXT),
            },
            _policy_renew,
            describe=lambda p: _("Renew a policy (%(policy)s)") % {"policy": _name(p, "policy")},
        ),
        Action(
            "policy.retire",
            gettext_lazy("Retire a policy"),
            {"policy": Param(REF, required=True, ref="policy"), "note": Param(TEXT)},
            _policy_retire,
            describe=lambda p: _("Retire a policy (%(policy)s)") % {"policy": _name(p, "policy")},
        ),
    ]
}


# Validation


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
