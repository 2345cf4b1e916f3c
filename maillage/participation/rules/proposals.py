"""Who sees a proposal's image, and who looks at their own contributions.

- A proposal's image is seen wherever its consultation is, unless the proposal is hidden: then
  only its moderators see it (the text is replaced for everyone else, the image too).
- "My contributions" is the page of anyone logged in.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.permissions import add_perm
from maillage.participation.models import Proposal
from maillage.participation.rules.common import may_moderate, may_see


def _is_hidden(user: Viewer, obj: Any) -> bool:
    return isinstance(obj, Proposal) and obj.hidden_at is not None


is_hidden = rules.predicate(_is_hidden, name="proposal_is_hidden")

add_perm(
    "participation.view_proposal_image",
    may_see & (~is_hidden | may_moderate),
    _("This image was hidden by the moderation."),
)
add_perm(
    "participation.view_my_contributions",
    rules.is_authenticated,
    _("Log in to see your contributions."),
)
