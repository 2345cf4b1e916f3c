"""Permission matrix of the network pages (see tests/matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.network.tests.factories import FunctionFactory, PersonFactory, SeatFactory
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    data.person = PersonFactory.create()
    data.seat = SeatFactory.create(substitutes=[PersonFactory.create()])
    data.organization = data.seat.organization
    data.function = FunctionFactory.create(person=data.person, organization=data.organization)


org = {"kwargs": lambda d: {"slug": d.organization.slug}}
person = {"kwargs": lambda d: {"slug": d.person.slug}}
seat = {"kwargs": lambda d: {"pk": d.seat.pk}}

ACCESS = {
    "network:organization_list": Expect.public(),
    "network:organization_export": Expect.public(kwargs=lambda d: {"fmt": "xlsx"}),
    "network:organization_detail": Expect.public(**org),
    "network:person_list": Expect.members(),
    "network:person_detail": Expect.members(**person),
    # Staff forms.
    "network:organization_create": Expect.staff(),
    "network:organization_update": Expect.staff(**org),
    "network:person_create": Expect.staff(),
    "network:person_update": Expect.staff(**person),
    "network:seat_create": Expect.staff(**org),
    "network:seat_update": Expect.staff(**seat),
    "network:function_add": Expect.staff(**person),
    "network:import": Expect.staff(),
    # The confirmation of a seat's end (and, for a last seat, of the holder's access).
    "network:seat_end": Expect.staff(**seat),
    # POST only: staff asking with GET get 405, everyone else is refused first.
    "network:function_end": Expect.staff(405, kwargs=lambda d: {"pk": d.function.pk}),
}
