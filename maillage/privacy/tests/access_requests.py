"""Permission matrix of the requests: anyone logged in asks; the person in charge, the
administrators and the coordination staff handle the queue. The sample request belongs to an
account of its own, so every role but the handlers is refused its page."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    from maillage.privacy.tests.factories import RequestFactory

    data.privacy_request = RequestFactory()


request = {"kwargs": lambda d: {"pk": d.privacy_request.pk}}

ACCESS = {
    "privacy:request_create": Expect.authenticated(),
    "privacy:request_list": Expect.staff(),
    "privacy:request_detail": Expect.staff(**request),
    "privacy:request_transition": Expect.staff(
        405, kwargs=lambda d: {"pk": d.privacy_request.pk, "transition": "start"}
    ),
}
