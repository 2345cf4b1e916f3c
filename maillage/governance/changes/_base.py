"""What a change is made of: its parameters, the objects they refer to, its action."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from maillage.governance.models import Circle, Policy, Role, Strategy, Workstream
from maillage.network.models import Person, Seat
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
