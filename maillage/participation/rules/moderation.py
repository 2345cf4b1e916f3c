"""Who reports a contribution, reaches the moderation queue and names moderators.

- A person logged in with a verified e-mail address reports a contribution they may see (also
  after the contributions phase: abuse may be noticed late).
- Staff and the named moderators of at least one group reach the moderation queue (it shows
  each of them only the consultations they moderate).
- Staff, or the holder of the lead role of a circle or a workstream, name its moderators among
  its members.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff
from maillage.governance.models import Circle, RoleAssignment, RoleKind, Workstream
from maillage.participation.models import Moderator
from maillage.participation.rules.common import has_verified_address, may_see


def _is_a_moderator(user: Viewer) -> bool:
    return isinstance(user, User) and Moderator.objects.filter(account=user).exists()


def _leads_the_group(user: Viewer, group: Any) -> bool:
    if not isinstance(user, User) or not isinstance(group, Circle | Workstream):
        return False
    key = "role__circle" if isinstance(group, Circle) else "role__workstream"
    return RoleAssignment.objects.filter(
        person__user_id=user.pk,
        ended_at__isnull=True,
        role__archived_at__isnull=True,
        role__kind=RoleKind.LEAD,
        **{key: group},
    ).exists()


is_a_moderator = rules.predicate(_is_a_moderator, name="is_a_moderator")
leads_the_group = rules.predicate(_leads_the_group, name="leads_the_group")

add_perm(
    "participation.report",
    has_verified_address & may_see,
    _("To report a contribution, log in with a confirmed e-mail address."),
)
add_perm(
    "participation.view_moderation_queue",
    is_staff | is_a_moderator,
    _("Only the coordination staff and the named moderators see the moderation queue."),
)
add_perm(
    "participation.name_moderators",
    is_staff | leads_the_group,
    _(
        "Only the coordination staff and the holder of the lead role of this circle or "
        "workstream name its moderators."
    ),
)
