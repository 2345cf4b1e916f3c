"""Who reads and keeps the registers: the person in charge and the administrators (Law 25: the
incidents register, s. 3.8; the assessments, s. 3.3; the record of who saw contact details; the
retention of personal information, s. 23)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff
from maillage.privacy.rules.common import officer_or_admin

# The coordination staff handle the requests (`privacy.handle_requests`): the area is their way
# to the queue; it shows each person only the links they may follow.
add_perm(
    "privacy.view_area",
    is_staff | officer_or_admin,
    _(
        "The privacy area is for the person in charge of personal information, the "
        "administrators and the coordination staff."
    ),
)
add_perm(
    "privacy.view_registers",
    officer_or_admin,
    _(
        "Only the person in charge of personal information and administrators read the "
        "privacy registers."
    ),
)
add_perm(
    "privacy.manage_registers",
    officer_or_admin,
    _(
        "Only the person in charge of personal information and administrators keep the "
        "privacy registers."
    ),
)
# The assessments covering a part of the platform are named on its staff pages.
add_perm(
    "privacy.see_assessments",
    is_staff,
    _("The coordination staff see which assessments cover the pages they work in."),
)
add_perm(
    "privacy.apply_retention",
    officer_or_admin,
    _(
        "Only the person in charge of personal information and administrators remove what is "
        "past its retention period."
    ),
)
