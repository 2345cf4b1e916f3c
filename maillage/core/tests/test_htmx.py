from django.test import RequestFactory

from maillage.core.htmx import is_htmx, template_for


def test_a_fragment_is_answered_to_htmx_but_not_to_a_history_restore():
    factory = RequestFactory()
    plain = factory.get("/")
    fragment = factory.get("/", headers={"HX-Request": "true"})
    restore = factory.get("/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert not is_htmx(plain)
    assert is_htmx(fragment)
    assert not is_htmx(restore)
    assert template_for(plain, "app/page.html", "results") == "app/page.html"
    assert template_for(fragment, "app/page.html", "results") == "app/page.html#results"
