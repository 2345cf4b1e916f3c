"""The privacy policy is public; the person in charge and the administrators publish it; each
signed-in account reads what changed and accepts it."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.privacy.rules.common import officer_or_admin

add_perm("privacy.view_policy", rules.always_allow, _("The privacy policy is public."))
add_perm(
    "privacy.publish_policy",
    officer_or_admin,
    _("Only the person in charge of personal information and administrators publish the policy."),
)
add_perm(
    "privacy.accept_policy",
    rules.is_authenticated,
    _("Log in to read what changed and accept the policy."),
)
