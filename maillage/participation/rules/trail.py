"""Who answers an input on the influence trail, who writes a consultation's report back, and who
follows an input.

- The workflow roles (`workflows.TRAIL`): `router` for a member of the group the input is routed
  to (unrouted: the consultation's group), `staff` for the coordination staff.
- The report back is written by those who answer the consultation or manage it.
- Any logged-in account that sees an input may follow it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Actor, Viewer
from maillage.core.permissions import add_perm
from maillage.core.rules import is_authenticated, is_staff
from maillage.participation import workflows
from maillage.participation.models import Routed
from maillage.participation.rules.common import may_answer, may_manage, may_see, routes_it


def trail_roles(actor: Actor | Viewer, obj: Routed) -> set[str]:
    """The workflow roles `actor` holds for the input `obj`."""
    roles: set[str] = set()
    if is_staff(actor):
        roles.add(workflows.STAFF)
    if routes_it(actor, obj):
        roles.add(workflows.ROUTER)
    return roles


add_perm(
    "participation.report_back",
    may_answer | may_manage,
    _(
        "Only the coordination staff and the members of the circle or workstream that holds "
        "this consultation write its report back."
    ),
)
add_perm(
    "participation.follow_input",
    is_authenticated & may_see,
    _("Log in to follow a proposal or a consultation."),
)
