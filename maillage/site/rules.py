"""Permissions of the public site: reading is public; editing is for coordination staff."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff

add_perm("site.view_page", rules.always_allow, _("The public site is open to everyone."))
add_perm(
    "site.edit",
    is_staff,
    _("Only coordination staff and administrators edit the public site."),
)
# Wagtail asks for this permission before any page of its admin. It follows the role, like
# "site.edit", so an editor is never sent back to the login page (which would send them back).
add_perm(
    "wagtailadmin.access_admin",
    is_staff,
    _("Only coordination staff and administrators edit the public site."),
)
add_perm(
    "site.manage_accounts",
    rules.always_deny,
    _("Accounts and roles are managed in the platform's administration, not in the site editor."),
)
add_perm(
    "site.send_newsletter",
    is_staff,
    _("Only coordination staff and administrators write and send the newsletter."),
)
