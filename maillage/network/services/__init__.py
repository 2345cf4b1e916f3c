"""Every write to the partner network: one function per action, checked, validated and audited."""

from maillage.core.permissions import SYSTEM
from maillage.network.services.functions import function_add, function_end
from maillage.network.services.imports import IMPORTERS, network_import
from maillage.network.services.organizations import (
    NEQ_PATTERN,
    OrganizationData,
    neq_error,
    normalize_neq,
    organization_create,
    organization_set_status,
    organization_update,
)
from maillage.network.services.people import (
    PersonData,
    person_create,
    person_for_account,
    person_link_account,
    person_link_invited_account,
    person_update,
)
from maillage.network.services.seats import (
    SeatAssigned,
    SeatData,
    seat_add_substitute,
    seat_assign,
    seat_assign_and_invite,
    seat_end,
    seat_update,
)

__all__ = [
    "IMPORTERS",
    "NEQ_PATTERN",
    "SYSTEM",
    "OrganizationData",
    "PersonData",
    "SeatAssigned",
    "SeatData",
    "function_add",
    "function_end",
    "neq_error",
    "network_import",
    "normalize_neq",
    "organization_create",
    "organization_set_status",
    "organization_update",
    "person_create",
    "person_for_account",
    "person_link_account",
    "person_link_invited_account",
    "person_update",
    "seat_add_substitute",
    "seat_assign",
    "seat_assign_and_invite",
    "seat_end",
    "seat_update",
]
