"""The strategies' pages, the dashboards and the annual report are public: they count and list
only what is public (the structure, the plan, the public decisions, the funded projects, the
published consultations), the same for every visitor."""

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
    _("The dashboards of the plan and the strategies are public."),
)
add_perm(
    "planning.view_report",
    rules.always_allow,
    _("The plan's annual progress report is public."),
)
