"""Pages, feeds, iCal, search and the metadata of the public site."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


def test_a_page_has_its_title_meta_description_and_open_graph_tags(client):
    page = factories.standard_page(
        title="Notre histoire", search_description="D'un comité à un collectif."
    )
    html = client.get(page.url).text
    assert "<title>Notre histoire · Maillage</title>" in html
    assert '<meta name="description" content="D&#x27;un comité à un collectif.">' in html
    assert '<meta property="og:title" content="Notre histoire">' in html
    assert f'<meta property="og:url" content="http://testserver{page.url}">' in html
    assert '<meta property="og:locale" content="fr_CA">' in html


def test_an_english_version_is_reached_from_the_french_page_and_back(client):
    page = factories.standard_page(title="Qui sommes-nous", slug="qui-sommes-nous")
    factories.translate(page, title="Who we are", slug="who-we-are")
    french = client.get("/qui-sommes-nous/").text
    assert '<a href="/en/who-we-are/" lang="en" hreflang="en">English</a>' in french
    assert '<link rel="alternate" hreflang="en" href="/en/who-we-are/">' in french
    english = client.get("/en/who-we-are/").text
    assert '<html lang="en">' in english
    assert '<a href="/qui-sommes-nous/" lang="fr-CA" hreflang="fr-CA">Français</a>' in english


def test_a_page_without_english_version_switches_to_the_closest_translated_page(client):
    section = factories.standard_page(title="Section", slug="section")
    factories.translate(section, title="Section", slug="section-en")
    child = factories.standard_page(parent=section, title="Seulement en français", slug="fr")
    assert '<a href="/en/section-en/" lang="en"' in client.get(child.url).text


def test_a_news_article_appears_on_the_home_page_and_in_both_feeds(client):
    index = factories.news_index()
    factories.news_article(index, title="Forum réussi", date=datetime.date(2026, 5, 1))
    assert "Forum réussi" in client.get("/").text
    rss = client.get(f"{index.url}rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Forum réussi</title>" in rss.content.decode()
    atom = client.get(f"{index.url}atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Forum réussi" in atom.content.decode()
    assert f'href="{index.url}rss/"' in client.get("/").text


def test_the_news_index_lists_articles_newest_first_by_pages_of_ten(client):
    index = factories.news_index()
    for day in range(1, 13):
        factories.news_article(
            index, title=f"Nouvelle du {day} mars", date=datetime.date(2026, 3, day)
        )
    first = client.get(index.url).text
    assert first.index("Nouvelle du 12 mars") < first.index("Nouvelle du 11 mars")
    assert "Nouvelle du 1 mars" not in first
    assert "Nouvelle du 1 mars" in client.get(f"{index.url}?page=2").text


def test_events_give_an_icalendar_each_and_all_together(client):
    index = factories.event_index()
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    one = factories.event(
        index,
        title="Assemblée",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="Salle 1, Québec",
        registration_url="https://exemple.org/inscription",
    )
    factories.event(index, title="Atelier")
    single = Calendar.from_ical(client.get(f"{one.url}ical/").content)
    [event] = single.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Assemblée"
    assert str(event["LOCATION"]) == "Salle 1, Québec"
    assert event.decoded("DTSTART") == start
    every = Calendar.from_ical(client.get(f"{index.url}ical/").content)
    assert sorted(str(e["SUMMARY"]) for e in every.walk("VEVENT")) == ["Assemblée", "Atelier"]
    page = client.get(one.url).text
    assert "https://exemple.org/inscription" in page
    assert "Assemblée" in client.get("/").text  # upcoming events on the home page


def test_an_event_cannot_end_before_it_starts():
    from django.core.exceptions import ValidationError

    index = factories.event_index()
    page = factories.event(index)
    page.end = page.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        page.full_clean()


def test_search_finds_published_pages_of_the_active_language(client):
    page = factories.standard_page(title="Sécurité alimentaire", intro="Jardins collectifs.")
    factories.translate(page, title="Food security", slug="food-security", intro="Gardens.")
    draft = factories.standard_page(title="Sécurité brouillon")
    draft.unpublish()
    french = client.get("/recherche/", {"q": "sécurité"}).text
    assert "Sécurité alimentaire" in french
    assert "Sécurité brouillon" not in french
    assert "Food security" not in french
    assert "Food security" in client.get("/en/search/", {"q": "food"}).text


@pytest.mark.parametrize(
    "typed",
    ['"', "\x00", ">", "*", "(", "NEAR", "-", "a:b", "x" * 5000, '"unterminated', "NOT OR AND"],
)
def test_search_answers_any_text_with_a_page(client, typed):
    factories.standard_page(title="Sécurité alimentaire")
    response = client.get("/recherche/", {"q": typed})
    assert response.status_code == 200
    assert "Sécurité alimentaire" not in response.text


def test_search_reads_full_text_syntax_as_plain_words(client):
    factories.standard_page(title="Sécurité alimentaire", intro="Jardins collectifs.")
    for typed in ['"sécurité', "sécurité*", "(jardins) -collectifs", '("sécurité")\x00']:
        assert "Sécurité alimentaire" in client.get("/recherche/", {"q": typed}).text, typed
    # The words left are all searched: a page without one of them is not found.
    assert "Sécurité alimentaire" not in client.get("/recherche/", {"q": '"sécurité" OR x'}).text
    # %00 in the address itself, as a visitor would type it.
    assert client.get("/recherche/?q=s%C3%A9curit%C3%A9%00").status_code == 200


def test_glossary_terms_have_anchors_and_blocks_link_to_them_in_the_page_language(client):
    glossary = factories.glossary_page()
    factories.translate(glossary, title="Glossary", slug="glossary")
    term = factories.glossary_term(term="Palier", slug="palier")
    english_term = term.copy_for_translation(factories.locale("en"))
    english_term.term, english_term.slug = "Level", "level"
    english_term.save()
    page = factories.standard_page(
        body=[{"type": "terms", "value": {"heading": "", "terms": [term.pk]}}]
    )
    factories.translate(page, slug="with-terms")
    assert 'id="palier"' in client.get("/glossaire/").text
    assert '<a href="/glossaire/#palier">Palier</a>' in client.get(page.url).text
    assert '<a href="/en/glossary/#level">Level</a>' in client.get("/en/with-terms/").text


def test_a_quotation_in_another_language_carries_its_lang(client):
    page = factories.standard_page(
        body=[
            {
                "type": "quote",
                "value": {
                    "quote": "Rien sur nous sans nous.",
                    "attribution": "",
                    "language": "fr-CA",
                },
            }
        ]
    )
    english = factories.translate(page, slug="quote")
    assert '<blockquote lang="fr-CA">' in client.get(english.url).text


def test_the_event_feed_keeps_to_its_window_and_its_query_count(client, query_budget):
    from maillage.site.selectors import FEED_DAYS_AHEAD, FEED_DAYS_BACK

    index = factories.event_index()
    now = timezone.now().replace(microsecond=0)
    for days, title in (
        (-FEED_DAYS_BACK - 2, "Trop ancienne"),
        (-FEED_DAYS_BACK + 2, "Récente"),
        (FEED_DAYS_AHEAD - 2, "Lointaine"),
        (FEED_DAYS_AHEAD + 2, "Trop lointaine"),
    ):
        factories.event(index, title=title, start=now + datetime.timedelta(days=days), end=None)
    every = Calendar.from_ical(client.get(f"{index.url}ical/").content)
    assert [str(e["SUMMARY"]) for e in every.walk("VEVENT")] == ["Récente", "Lointaine"]
    meter = query_budget(15)
    small = meter.get(client, f"{index.url}ical/")
    for _ in range(20):
        factories.event(index)
    assert meter.get(client, f"{index.url}ical/") == small


def test_the_cached_menu_news_and_language_links_follow_every_change_at_once(client):
    """The site's chrome is kept in the versioned cache: publishing, unpublishing, moving or
    translating a page shows at once, without waiting for the cache to expire."""
    index = factories.news_index(title="Nouvelles", slug="nouvelles", show_in_menus=True)
    about = factories.standard_page(title="À propos", slug="a-propos", show_in_menus=True)
    assert 'href="/a-propos/"' in client.get("/").text  # read once: now cached

    factories.news_article(index, title="Forum annuel", date=datetime.date(2026, 6, 1))
    assert "Forum annuel" in client.get("/").text
    factories.standard_page(title="Nos chantiers", slug="nos-chantiers", show_in_menus=True)
    assert 'href="/nos-chantiers/"' in client.get("/").text

    about.unpublish()
    assert 'href="/a-propos/"' not in client.get("/").text
    about.save_revision().publish()
    assert 'href="/a-propos/"' in client.get("/").text
    about.move(index, pos="last-child")
    assert 'href="/a-propos/"' not in client.get("/").text

    assert 'hreflang="en" href="/en/"' in client.get("/nouvelles/").text
    factories.translate(index, title="News", slug="news")
    assert 'hreflang="en" href="/en/news/"' in client.get("/nouvelles/").text


def crumbs(client, url: str) -> str:
    return client.get(url).text.split('class="breadcrumbs"')[1].split("</nav>")[0]


def test_the_kept_breadcrumbs_follow_a_renamed_or_moved_ancestor_at_once(client):
    """A page's breadcrumbs are kept rendered under the site's pages (`selectors.PAGES_CACHE`):
    an ancestor renamed or the page moved shows on the next visit."""
    about = factories.standard_page(title="À propos", slug="a-propos")
    team = factories.standard_page(parent=about, title="L’équipe", slug="equipe")
    assert '<a href="/a-propos/">À propos</a>' in crumbs(client, "/a-propos/equipe/")
    # Kept: a write that sends no signal is not seen.
    Page.objects.filter(pk=about.pk).update(title="Écrit en douce")
    assert "Écrit en douce" not in crumbs(client, "/a-propos/equipe/")
    about.title = "Qui sommes-nous"
    about.save_revision().publish()
    assert '<a href="/a-propos/">Qui sommes-nous</a>' in crumbs(client, "/a-propos/equipe/")
    network = factories.standard_page(title="Le réseau", slug="reseau")
    team.move(network, pos="last-child")
    moved = crumbs(client, "/reseau/equipe/")
    assert '<a href="/reseau/">Le réseau</a>' in moved and "Qui sommes-nous" not in moved
