"""What the apps above the core add to the staff's account pages, without the core knowing them.

An app registers, in its `AppConfig.ready()`:

- a **column** of the account list (`register_column`): a value the database computes for each
  account (an expression over `User` rows, e.g. a subquery counting the seats the account's
  person holds), so that the list's query count does not grow with the accounts shown, and the
  models it reads (`watched`), which the kept list (`LIST_CACHE`) follows;
- a **section** of an account's page: a panel of `ACCOUNT_SECTIONS` (`core.panels`), which
  receives the account and the request and runs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise

from maillage.core import cache
from maillage.core.models import User
from maillage.core.panels import Panels

ACCOUNT_SECTIONS: Panels[User] = Panels("account")

# The account list's table and the count of pending invitations, kept rendered per filters, page
# and day until an account, an invitation or what a column counts changes.
LIST_CACHE = "core.accounts"


@dataclass(frozen=True)
class AccountColumn:
    key: str
    label: Promise | str
    # Built on each read: an expression for `QuerySet.annotate`.
    annotation: Callable[[], Any]
    # The models whose changes change the column's values (the kept list follows them).
    watched: tuple[type[Model], ...] = ()

    @property
    def attribute(self) -> str:
        """The name of the annotation on each account, apart from the model's own fields."""
        return f"column_{self.key}"


_COLUMNS: dict[str, AccountColumn] = {}


def register_column(column: AccountColumn) -> None:
    """Add (or replace, by key) a column of the account list, after those registered before."""
    _COLUMNS[column.key] = column
    cache.bump_on_change(LIST_CACHE, *column.watched)


def columns() -> list[AccountColumn]:
    return list(_COLUMNS.values())
