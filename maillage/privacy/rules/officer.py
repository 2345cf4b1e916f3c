"""Who names the person in charge: the administrators (the organization's highest authority
delegates the function, Law 25 s. 3.1)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_admin

add_perm(
    "privacy.name_officer",
    is_admin,
    _("Only administrators name the person in charge of personal information."),
)
