"""Who sees "my data", asks, and handles the requests.

Every account sees its own data and may ask. The queue is handled by the person in charge, the
administrators and the coordination staff: the staff answer the collective's people day to day,
and a request must not wait for one person's absence past its legal deadline. Completing a
deletion anonymizes an account for good, so it stays with the person in charge and the
administrators."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_authenticated, is_staff
from maillage.privacy.rules.common import officer_or_admin


def _is_requester(user: Viewer, request: object) -> bool:
    return isinstance(user, User) and getattr(request, "account_id", None) == user.pk


is_requester = rules.predicate(_is_requester, name="is_requester")
may_handle = officer_or_admin | is_staff

add_perm(
    "privacy.view_my_data",
    is_authenticated,
    _("Log in to see the personal information the collective holds about you."),
)
add_perm(
    "privacy.request_create",
    is_authenticated,
    _("Log in to make a request about your personal information."),
)
add_perm(
    "privacy.handle_requests",
    may_handle,
    _(
        "Only the person in charge of personal information, the administrators and the "
        "coordination staff handle the requests."
    ),
)
add_perm(
    "privacy.view_request",
    may_handle | is_requester,
    _("This request is not yours."),
)
add_perm(
    "privacy.anonymize_account",
    officer_or_admin,
    _(
        "Only the person in charge of personal information and the administrators may "
        "anonymize an account."
    ),
)
