"""The platform's roles, from the least to the most trusted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    GUEST = "guest", _("Guest or external actor")
    MEMBER = "member", _("Partner member")
    STAFF = "staff", _("Coordination staff")
    ADMIN = "admin", _("Administrator")


# Rank of each role: a predicate "at least X" compares ranks.
RANK = {Role.CITIZEN: 1, Role.GUEST: 2, Role.MEMBER: 3, Role.STAFF: 4, Role.ADMIN: 5}
ANONYMOUS = "anonymous"
