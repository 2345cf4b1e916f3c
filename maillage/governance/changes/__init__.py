"""Structural changes as data.

A change is a JSON-serialisable dict::

    {"action": "circle.create", "params": {"name": "Habitation", "parent": "cercle-general"}}

Each action declares its parameters (`ACTIONS`, also exported as JSON Schema by `schema()`);
`change_validate` checks a change against its declaration and resolves references, and
`change_apply(*, actor, change)` carries it out through the services, which check permissions
and record the history. A consented proposal (decisions app) stores its changes this way and
applies them once adopted.

References: circles and workstreams by slug, people by slug, territories by slug, strategies and
sectors by key, levels by key, roles, policies and seats by id. An "amend" action changes only the
parameters it gives.
"""

from maillage.governance.changes._common import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    REF,
    REFERENCES,
    TEXT,
    TEXTS,
    Action,
    Param,
    Params,
    Reference,
    ValidChange,
)
from maillage.governance.changes.actions import ACTIONS
from maillage.governance.changes.apply import (
    change_apply,
    change_describe,
    change_validate,
    changes_apply,
    schema,
)

__all__ = [
    "ACTIONS",
    "BOOL",
    "CHOICE",
    "DATE",
    "INT",
    "REF",
    "REFERENCES",
    "TEXT",
    "TEXTS",
    "Action",
    "Param",
    "Params",
    "Reference",
    "ValidChange",
    "change_apply",
    "change_describe",
    "change_validate",
    "changes_apply",
    "schema",
]
