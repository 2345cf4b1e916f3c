"""Who may do what with the portrait. Its figures are public statistics, read by everyone,
anonymous visitors included; importing them is for coordination staff and administrators."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff

add_perm("portrait.view", rules.always_allow, _("The territorial portrait is public."))
add_perm(
    "portrait.manage",
    is_staff,
    _("Only coordination staff and administrators may import indicator values."),
)
