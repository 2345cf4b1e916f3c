"""What the privacy app adds to My space: the way to "my data"."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.models import User
from maillage.core.panels import Panel

# After the notifications (600): seldom needed, always within reach.
MY_DATA_ORDER = 700


def my_data_section(account: User, request: HttpRequest) -> Panel:
    return {"template": "privacy/mydata/_my_space.html", "context": {}}
