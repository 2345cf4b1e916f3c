"""Who reads the portrait's maps and comparisons: everyone, as the territory pages. The
figures are public statistics; the portrait publishes them with their sources."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm

if not rules.perm_exists("portrait.view"):
    add_perm("portrait.view", rules.always_allow, _("The territorial portrait is public."))
