"""What the privacy rules share: who the person in charge is."""

from __future__ import annotations

import rules

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.rules import is_admin


def _is_privacy_officer(user: Viewer) -> bool:
    from maillage.privacy.selectors.officer import officer_account_id

    return isinstance(user, User) and officer_account_id() == user.pk


is_privacy_officer = rules.predicate(_is_privacy_officer, name="is_privacy_officer")
# The registers (incidents, assessments, access to contact details) and the requests' queue.
officer_or_admin = is_privacy_officer | is_admin
