"""The panel registry: apps above add sections to a page of an app below them."""

from __future__ import annotations

from django.test import RequestFactory

from maillage.core.panels import Panels


def test_panels_render_once_each_by_order_then_registration_with_the_subject():
    panels: Panels[str] = Panels("thing")
    calls: list[str] = []

    def late(thing, request):
        calls.append("late")
        return {"template": "core/tests/panel.html", "context": {"greeting": "Tard"}}

    def early(thing, request):
        calls.append("early")
        return {"template": "core/tests/panel.html", "context": {"greeting": "Tôt"}}

    def same_as_early(thing, request):
        calls.append("same")
        return {"template": "core/tests/panel.html", "context": {"greeting": "Ensuite"}}

    def nothing(thing, request):
        calls.append("nothing")
        return None

    assert panels.register(late, order=20) is late
    panels.register(late, order=1)  # registered once: the first order stays
    panels.register(early, order=10)
    panels.register(same_as_early, order=10)
    panels.register(nothing)
    html = panels.render("chantier", RequestFactory().get("/"))
    assert [h.strip() for h in html] == [
        "<p>Tôt chantier</p>",
        "<p>Ensuite chantier</p>",
        "<p>Tard chantier</p>",
    ]
    assert calls == ["late", "early", "same", "nothing"]
    panels.unregister(late)
    panels.unregister(late)  # unregistering twice is harmless
    assert panels.registered() == (early, same_as_early, nothing)


def test_a_panel_moves_itself_for_one_request():
    panels: Panels[str] = Panels("thing")

    def first(thing, request):
        return {"template": "core/tests/panel.html", "context": {"greeting": "Un"}}

    def second(thing, request):
        # The subject decides: this one comes first for a guest.
        order = 0 if thing == "invité" else 20
        context = {"greeting": "Deux"}
        return {"template": "core/tests/panel.html", "context": context, "order": order}

    panels.register(first, order=10)
    panels.register(second, order=20)
    request = RequestFactory().get("/")
    assert [h.split()[0] for h in panels.render("membre", request)] == ["<p>Un", "<p>Deux"]
    assert [h.split()[0] for h in panels.render("invité", request)] == ["<p>Deux", "<p>Un"]


def test_values_are_escaped_by_the_templates():
    panels: Panels[str] = Panels("thing")
    panels.register(
        lambda thing, request: {
            "template": "core/tests/panel.html",
            "context": {"greeting": "<script>"},
        }
    )
    [html] = panels.render("<b>", RequestFactory().get("/"))
    assert "&lt;script&gt; &lt;b&gt;" in html
