"""Who reads and who writes the work plan."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_member, is_staff
from maillage.planning.rules.common import plan_is_adopted

add_perm(
    "planning.browse_plans",
    rules.always_allow,
    _("The list of work plans is public."),
)
add_perm(
    "planning.view_plan",
    plan_is_adopted | is_member,
    _(
        "This work plan is not adopted yet: only the coordination staff and the members of the "
        "collective read it."
    ),
)
add_perm(
    "planning.manage",
    is_staff,
    _("Only the coordination staff write the work plan."),
)
add_perm(
    "planning.propose_adoption",
    is_staff,
    _("Only the coordination staff submit the work plan to a consent decision."),
)
