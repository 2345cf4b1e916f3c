"""Who starts a consultation: the coordination staff, and the members of a circle or a
workstream for their own group (the form offers only those; the service checks the group)."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff
from maillage.decisions.rules import group_ids


def _takes_part_somewhere(user: Viewer) -> bool:
    if not isinstance(user, User):
        return False
    circles, workstreams = group_ids(user)
    return bool(circles or workstreams)


takes_part_somewhere = rules.predicate(_takes_part_somewhere, name="takes_part_in_a_group")

add_perm(
    "participation.create_consultation",
    is_staff | takes_part_somewhere,
    _(
        "Only the coordination staff and the members of a circle or a workstream start a "
        "consultation."
    ),
)
add_perm(
    "participation.browse_consultations",
    rules.always_allow,
    _("The list of consultations is public."),
)
