"""Who may see and change the partner network.

Québec's Law 25: names of organizations, their sectors and territories are public; personal
information (people, e-mail addresses, telephone numbers) goes only to partner members and above.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_member, is_staff

add_perm(
    "network.view_directory",
    rules.always_allow,
    _("The directory of organizations is public."),
)
add_perm(
    "network.view_contacts",
    is_member,
    _("Contact details and people are shown only to partner members and coordination staff."),
)
add_perm(
    "network.view_people",
    is_member,
    _("The people of the network are shown only to partner members and coordination staff."),
)
add_perm(
    "network.manage",
    is_staff,
    _("Only coordination staff may change the partner network."),
)
add_perm(
    "network.import",
    is_staff,
    _("Only coordination staff may import organizations and people."),
)
