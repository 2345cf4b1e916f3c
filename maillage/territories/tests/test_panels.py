from __future__ import annotations

import pytest
from django.test import RequestFactory

from maillage.territories import panels
from maillage.territories.tests.factories import MrcFactory

pytestmark = pytest.mark.django_db


def test_register_once_render_in_order_and_unregister():
    calls = []

    def first(territory, request):
        calls.append("first")
        return {"template": "territories/tests/panel.html", "context": {"greeting": "Un"}}

    def second(territory, request):
        calls.append("second")
        return None  # nothing to show for this territory

    before = panels.registered()
    assert panels.register(first) is first
    panels.register(first)
    panels.register(second)
    try:
        territory = MrcFactory(name="Portneuf-test")
        html = panels.render_panels(territory, RequestFactory().get("/"))
        ours = [h for h in html if "Portneuf-test" in h]
        assert len(ours) == 1
        assert "Un Portneuf-test" in ours[0]
        assert calls == ["first", "second"]
    finally:
        panels.unregister(first)
        panels.unregister(second)
    assert panels.registered() == before
