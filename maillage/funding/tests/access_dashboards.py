"""Permission matrix rows of the dashboards (see tests/access.py): the dashboard and the
accountability exports are for staff; the list of funded projects is public."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The pages read what exists; the other subjects' samples give them an application."""


ACCESS: dict[str, Expect] = {
    "funding:dashboard": Expect.staff(),
    "funding:accountability_xlsx": Expect.staff(),
    "funding:accountability_pdf": Expect.staff(),
    "funding:funded_projects": Expect.public(),
}
