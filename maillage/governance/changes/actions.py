"""The actions a change may take: their parameters, and their runners (resolved values →
services)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.actors import Actor
from maillage.governance import services, workflows
from maillage.governance.changes._common import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    REF,
    TEXT,
    TEXTS,
    Action,
    Param,
    Params,
)
from maillage.governance.models import (
    CircleMode,
    Policy,
    PolicyStatus,
    Role,
    RoleAssignment,
    RoleKind,
)
from maillage.territories.models import Level

# The shared parameters of circles, workstreams, roles and policies

# What a circle or a workstream covers.
_SCOPE = {
    "territories": Param(REF, many=True, ref="territory"),
    "levels": Param(CHOICE, many=True, choices=tuple(Level.values)),
    "strategies": Param(REF, many=True, ref="strategy"),
    "sectors": Param(REF, many=True, ref="sector"),
}
_CIRCLE = {
    "name": Param(TEXT),
    "purpose": Param(TEXT),
    "parent": Param(REF, ref="circle"),
    "domains": Param(TEXTS),
    "accountabilities": Param(TEXTS),
    **_SCOPE,
    "mode": Param(CHOICE, choices=tuple(CircleMode.values)),
}
_WORKSTREAM = {
    "name": Param(TEXT),
    "mandate": Param(TEXT),
    "sponsors": Param(REF, many=True, ref="circle"),
    "start_date": Param(DATE),
    "sunset_date": Param(DATE),
    **_SCOPE,
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
_SLUG = {"slug": Param(TEXT)}


def _required(params: Mapping[str, Param], *names: str) -> dict[str, Param]:
    return {k: replace(p, required=True) if k in names else p for k, p in params.items()}


def _ref(key: str) -> dict[str, Param]:
    """A required reference to one object of the kind `key`, under that name."""
    return {key: Param(REF, required=True, ref=key)}


def _merge(data: Any, values: Params, names: Mapping[str, Param]) -> Any:
    """`data` with the given values replaced (an amendment changes only what it names)."""
    given = {k: v for k, v in values.items() if k in names}
    return replace(data, **given)


def _name(p: Mapping[str, Any], key: str = "name") -> str:
    return str(p.get(key, ""))


def _says(text: Promise, key: str) -> Callable[[Mapping[str, Any]], str]:
    """A change's line: `text`, translated when read, with the parameter `key` in it."""
    return lambda p: str(text) % {key: _name(p, key)}


# Circles, workstreams and roles are amended and archived the same way.


def _amend_action(
    key: str,
    label: Promise,
    line: Promise,
    names: Mapping[str, Param],
    data_of: Callable[[Any], Any],
    amend: Callable[..., models.Model],
) -> Action:
    """Amend the object named by `key`: its current values, with those the change gives."""

    def run(actor: Actor, v: Params) -> models.Model:
        target = v[key]
        return amend(actor=actor, **{key: target}, data=_merge(data_of(target), v, names))

    return Action(f"{key}.amend", label, {**_ref(key), **names}, run, describe=_says(line, key))


def _archive_action(
    key: str, label: Promise, line: Promise, archive: Callable[..., models.Model]
) -> Action:
    return Action(
        f"{key}.archive",
        label,
        _ref(key),
        lambda actor, v: archive(actor=actor, **{key: v[key]}),
        describe=_says(line, key),
    )


# Runners: resolved values → services


def _circle_create(actor: Actor, v: Params) -> models.Model:
    data = _merge(services.CircleData(name=v["name"]), v, _CIRCLE | _SLUG)
    return services.circle_create(actor=actor, data=data)


def _workstream_create(actor: Actor, v: Params) -> models.Model:
    data = services.WorkstreamData(name=v["name"], sponsors=v["sponsors"])
    data = _merge(data, v, _WORKSTREAM | _SLUG)
    data.deliverables = [services.DeliverableData(title=t) for t in v.get("deliverables", [])]
    return services.workstream_create(actor=actor, data=data)


def _workstream_transition(actor: Actor, v: Params) -> models.Model:
    return services.workstream_transition(
        actor=actor, workstream=v["workstream"], transition=v["transition"]
    )


def _role_create(actor: Actor, v: Params) -> models.Model:
    data = _merge(services.RoleData(), v, _ROLE)
    return services.role_create(
        actor=actor, data=data, circle=v.get("circle"), workstream=v.get("workstream")
    )


def _role_amend(actor: Actor, v: Params) -> models.Model:
    role: Role = v["role"]
    data = _merge(services.role_data_of(role), v, _ROLE)
    if "kind" in v and "may_amend_policies" not in v:
        data.may_amend_policies = None  # the new kind's default
    return services.role_amend(actor=actor, role=role, data=data)


def _role_assign(actor: Actor, v: Params) -> models.Model:
    return services.role_assign(
        actor=actor,
        role=v["role"],
        person=v["person"],
        seat=v.get("seat"),
        substitutes=v.get("substitutes"),
        start_date=v.get("start_date"),
        term_end=v.get("term_end"),
    )


def _role_unassign(actor: Actor, v: Params) -> models.Model:
    assignment = RoleAssignment.objects.filter(
        role=v["role"], person=v["person"], ended_at__isnull=True
    ).first()
    if assignment is None:
        raise ValidationError({"person": _("This person does not hold this role.")})
    return services.role_assignment_end(actor=actor, assignment=assignment)


def _policy_adopt(actor: Actor, v: Params) -> models.Model:
    data = services.PolicyData(
        title=v["title"],
        text=v["text"],
        review_date=v.get("review_date"),
        adopted_on=v.get("adopted_on"),
    )
    return services.policy_adopt(actor=actor, circle=v["circle"], data=data)


def _policy_amend(actor: Actor, v: Params) -> models.Model:
    policy: Policy = v["policy"]
    data = services.PolicyData(
        title=v.get("title", policy.title),
        text=v.get("text", policy.text),
        review_date=v.get("review_date", policy.review_date),
    )
    return services.policy_amend(actor=actor, policy=policy, data=data, note=v.get("note", ""))


def _policy_retire(actor: Actor, v: Params) -> models.Model:
    return services.policy_retire(actor=actor, policy=v["policy"], note=v.get("note", ""))


def _policy_renew(actor: Actor, v: Params) -> models.Model:
    return services.policy_set_status(
        actor=actor,
        policy=v["policy"],
        status=PolicyStatus.ACTIVE,
        review_date=v.get("review_date"),
        note=v.get("note", ""),
    )


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in [
        Action(
            "circle.create",
            gettext_lazy("Create a circle"),
            _required(_CIRCLE, "name") | _SLUG,
            _circle_create,
            describe=_says(gettext_lazy("Create the circle “%(name)s”"), "name"),
        ),
        _amend_action(
            "circle",
            gettext_lazy("Amend a circle"),
            gettext_lazy("Amend the circle “%(circle)s”"),
            _CIRCLE,
            services.circle_data_of,
            services.circle_amend,
        ),
        _archive_action(
            "circle",
            gettext_lazy("Archive a circle"),
            gettext_lazy("Archive the circle “%(circle)s”"),
            services.circle_archive,
        ),
        Action(
            "workstream.create",
            gettext_lazy("Create a workstream"),
            _required(_WORKSTREAM, "name", "sponsors") | {"deliverables": Param(TEXTS), **_SLUG},
            _workstream_create,
            describe=_says(gettext_lazy("Create the workstream “%(name)s”"), "name"),
        ),
        _amend_action(
            "workstream",
            gettext_lazy("Amend a workstream"),
            gettext_lazy("Amend the workstream “%(workstream)s”"),
            _WORKSTREAM,
            services.workstream_data_of,
            services.workstream_amend,
        ),
        _archive_action(
            "workstream",
            gettext_lazy("Archive a workstream"),
            gettext_lazy("Archive the workstream “%(workstream)s”"),
            services.workstream_archive,
        ),
        Action(
            "workstream.transition",
            gettext_lazy("Change the status of a workstream"),
            {
                **_ref("workstream"),
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
            describe=_says(gettext_lazy("Create the role “%(name)s”"), "name"),
        ),
        Action(
            "role.amend",
            gettext_lazy("Amend a role"),
            _ref("role") | _ROLE,
            _role_amend,
            describe=lambda p: (
                _("Amend a role (%(name)s)") % {"name": _name(p) or _name(p, "role")}
            ),
        ),
        _archive_action(
            "role",
            gettext_lazy("Archive a role"),
            gettext_lazy("Archive a role (%(role)s)"),
            services.role_archive,
        ),
        Action(
            "role.assign",
            gettext_lazy("Assign a role"),
            {
                **_ref("role"),
                **_ref("person"),
                "seat": Param(REF, ref="seat"),
                "substitutes": Param(REF, many=True, ref="person"),
                "start_date": Param(DATE),
                "term_end": Param(DATE),
            },
            _role_assign,
            describe=_says(gettext_lazy("Assign a role to %(person)s"), "person"),
        ),
        Action(
            "role.unassign",
            gettext_lazy("End a role assignment"),
            _ref("role") | _ref("person"),
            _role_unassign,
            describe=_says(gettext_lazy("%(person)s stops holding a role"), "person"),
        ),
        Action(
            "policy.adopt",
            gettext_lazy("Adopt a policy"),
            {
                **_ref("circle"),
                **_required(_POLICY, "title", "text"),
                "adopted_on": Param(DATE),
            },
            _policy_adopt,
            describe=_says(gettext_lazy("Adopt the policy “%(title)s”"), "title"),
        ),
        Action(
            "policy.amend",
            gettext_lazy("Amend a policy"),
            {**_ref("policy"), **_POLICY, "note": Param(TEXT)},
            _policy_amend,
            describe=_says(gettext_lazy("Amend a policy (%(policy)s)"), "policy"),
        ),
        Action(
            "policy.renew",
            gettext_lazy("Renew a policy after its review"),
            {**_ref("policy"), "review_date": Param(DATE), "note": Param(TEXT)},
            _policy_renew,
            describe=_says(gettext_lazy("Renew a policy (%(policy)s)"), "policy"),
        ),
        Action(
            "policy.retire",
            gettext_lazy("Retire a policy"),
            {**_ref("policy"), "note": Param(TEXT)},
            _policy_retire,
            describe=_says(gettext_lazy("Retire a policy (%(policy)s)"), "policy"),
        ),
    ]
}
