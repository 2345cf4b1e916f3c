"""Matrix rows of the public site: its pages and feeds are public; the editor (Wagtail's admin,
at /edition/) is for coordination staff and administrators, and its account pages for nobody."""

from tests.matrix import ANY_STATUS, LOGIN, REDIRECT, Expect, walk_urls

ACCESS = {
    "home": Expect.public(),
    "wagtail_serve": Expect.public(kwargs=lambda d: {"path": f"{d.site_page.slug}/"}),
    "sitemap": Expect.public(),
    "site:search": Expect.public(query="q=territoire"),
    # Password-protected pages and documents: none exists with these numbers.
    "wagtailcore_authenticate_with_password": Expect.of(
        404, 404, 404, 404, 404, 404, kwargs=lambda d: {"page_view_restriction_id": 1, "page_id": 1}
    ),
    "wagtaildocs_authenticate_with_password": Expect.of(
        404, 404, 404, 404, 404, 404, kwargs=lambda d: {"restriction_id": 1}
    ),
    # Wagtail's own front-end login hands over to the platform's login, whoever asks.
    "wagtailcore_login": Expect.of(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "wagtaildocs_serve": Expect.public(
        kwargs=lambda d: {"document_id": d.document.pk, "document_filename": d.document.filename}
    ),
}

# Values for the URL parameters of the editor's pages: objects that may or may not exist.
SAMPLE_KWARGS = {
    "app_label": "site",
    "app_name": "site",
    "content_type_app_name": "site",
    "model_name": "glossaryterm",
    "content_type_model_name": "glossaryterm",
    "action": "delete",
    "action_name": "delete",
    "filter_spec": "original",
    "fmt": "json",
    "mode": "edit",
    "slug": "x",
    "key": "x",
    "token": "x",
    "uidb36": "1",
    "uidb64": "MQ",
    "url": "x",
}


def _editor_rows() -> dict[str, Expect]:
    """Every page of the editor: visitors go to the login, citizens, guests and partner members
    are refused; staff and administrators get whatever the page answers (many need an object
    that the sample does not have), except the account pages, refused to all."""
    from django.urls import URLResolver, get_resolver

    rows: dict[str, Expect] = {}

    editor = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and str(p.pattern) == "edition/"
    )
    for name, route, pattern in walk_urls(editor.url_patterns, None, "edition/"):
        keys = set(pattern.pattern.regex.groupindex)
        kwargs = {key: SAMPLE_KWARGS.get(key, "1") for key in keys}
        closed = route.startswith(("edition/users/", "edition/groups/"))
        staff = 403 if closed else ANY_STATUS
        rows[name] = Expect.of(LOGIN, 403, 403, 403, staff, staff, kwargs=lambda d, k=kwargs: k)
    # Wagtail's catch-all (its 404 inside the editor): the matrix requests it as "/edition/.*/$",
    # which the common middleware redirects (a missing final slash) before any view runs.
    rows["<edition/^.*/$>"] = Expect.of(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
    rows["wagtailadmin_home"] = Expect.staff()
    rows["wagtailadmin_explore_root"] = Expect.staff()
    rows["wagtailsnippets_site_glossaryterm:list"] = Expect.staff()
    rows["wagtailadmin_pages:add"] = Expect.staff(
        kwargs=lambda d: {
            "content_type_app_name": "site",
            "content_type_model_name": "standardpage",
            "parent_page_id": d.site_page.get_parent().pk,
        }
    )
    rows["wagtailadmin_pages:edit"] = Expect.staff(kwargs=lambda d: {"page_id": d.site_page.pk})
    return rows


ACCESS.update(_editor_rows())


def sample(data):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from maillage.site.models import HomePage, StandardPage

    home = HomePage.objects.get(depth=2, locale__language_code="fr-ca")
    page = StandardPage(title="Page témoin de la matrice", slug="page-temoin-matrice")
    home.add_child(instance=page)
    page.save_revision().publish()
    data.site_page = page
    document = Document(title="Document témoin")
    document.file.save("temoin.txt", ContentFile(b"Maillage"), save=False)
    document.save()
    data.document = document
    from maillage.site.models import Newsletter

    data.newsletter = Newsletter.objects.create(subject="Infolettre témoin", body="Bonjour.")


ACCESS["site:newsletter_list"] = Expect.staff()
# POST only: a GET is refused once the permission is checked.
ACCESS["site:newsletter_send"] = Expect.staff(405, kwargs=lambda d: {"pk": d.newsletter.pk})
