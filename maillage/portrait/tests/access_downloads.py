"""Permission matrix rows of the portrait's downloads (see tests/access.py): public."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    return None


ACCESS: dict[str, Expect] = {
    "portrait:indicators_download": Expect.public(kwargs=lambda d: {"fmt": "csv"}),
    "portrait:territory_download": Expect.public(
        kwargs=lambda d: {"slug": d.portrait_territory.slug, "fmt": "xlsx"}
    ),
}
