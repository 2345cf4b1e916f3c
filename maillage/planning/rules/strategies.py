"""The strategies' pages and dashboard are public: they count and list only what is public (the
structure, the adopted plans, the public decisions, the funded projects, the published
consultations), the same for every visitor. A plan's dashboard and report follow the plan
(`planning.view_plan`)."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm

add_perm(
    "planning.view_strategies",
    rules.always_allow,
    _("What is done under each strategy is public."),
)
add_perm(
    "planning.view_dashboards",
    rules.always_allow,
    _("The strategies' dashboard is public."),
)
