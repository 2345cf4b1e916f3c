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


def test_a_page_or_its_fragment_varies_on_the_htmx_header(rf, settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "page.html": "<h1>Page</h1>"
                            "{% partialdef rows inline %}<p>rows</p>{% endpartialdef %}"
                        },
                    )
                ]
            },
        }
    ]
    from maillage.core.htmx import render_page_or_fragment

    page = render_page_or_fragment(rf.get("/"), "page.html", "rows", {})
    fragment = render_page_or_fragment(
        rf.get("/", headers={"HX-Request": "true"}), "page.html", "rows", {}
    )
    assert page.content.decode() == "<h1>Page</h1><p>rows</p>"
    assert fragment.content.decode() == "<p>rows</p>"
    assert page["Vary"] == fragment["Vary"] == "HX-Request"
