"""Permission matrix rows of the comparison and its downloads (see tests/access.py): public.
The sample compares Québec and the region (the map's sample gives them values)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect

QUERY = "territoires=quebec&territoires=capitale-nationale"


def sample(data: SimpleNamespace) -> None:
    """Nothing of its own: `access_maps` creates the region and its values."""


ACCESS: dict[str, Expect] = {
    "portrait:compare": Expect.public(query=QUERY),
    "portrait:compare_export": Expect.public(kwargs=lambda d: {"fmt": "csv"}, query=QUERY),
}
