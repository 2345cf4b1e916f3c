"""Permission matrix rows of the calls for projects pages (see tests/access.py): the list and a
published call are public; a draft call and the management pages are for staff."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.funding.tests.factories import CallFactory
from tests.matrix import REDIRECT, Expect


def sample(data: SimpleNamespace) -> None:
    data.call_published = CallFactory.create(title="Appel témoin", slug="appel-temoin")
    data.call_draft = CallFactory.create(
        title="Appel témoin en préparation", slug="appel-temoin-brouillon", state="draft"
    )


draft = {"kwargs": lambda d: {"slug": d.call_draft.slug}}

ACCESS: dict[str, Expect] = {
    "funding:call_list": Expect.public(),
    "funding:call_detail": Expect.public(kwargs=lambda d: {"slug": d.call_published.slug}),
    "funding:call_staff_list": Expect.staff(),
    "funding:call_create": Expect.staff(),
    "funding:call_update": Expect.staff(**draft),
    "funding:call_grid": Expect.staff(**draft),
    # A POST without a step: staff are sent back to the call with the reason.
    "funding:call_transition": Expect.staff(REDIRECT, method="post", **draft),
}
