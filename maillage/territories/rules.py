"""Who may do what with territories. Reading the territory is public: it is the collective's
identity and is published on the public site as well. Loading reference data is for operators."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_admin

add_perm("territories.view_territory", rules.always_allow, _("The territory pages are public."))
add_perm(
    "territories.manage",
    is_admin,
    _("Only administrators may load territories or import boundaries."),
)
