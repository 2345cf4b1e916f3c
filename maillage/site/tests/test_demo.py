"""After the demo (what `make run` loads), every seeded page answers in French and in English, and
the language switch leads from each French page to its English version and back."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.html import escape
from icalendar import Calendar
from wagtail.models import Page

from maillage.site import demo

pytestmark = pytest.mark.django_db

SEEDED = [
    "",
    "qui-sommes-nous/",
    "notre-territoire/",
    "modele-de-collaboration/",
    "developpement-social/",
    "nos-strategies/",
    "nos-strategies/concertation-intersectorielle/",
    "nos-strategies/action-communautaire/",
    "nos-strategies/developpement-des-communautes/",
    "nos-strategies/action-sociale-influence-citoyenne/",
    "glossaire/",
    "nouvelles/",
    "nouvelles/un-site-public-relie-a-la-plateforme/",
    "evenements/",
    "evenements/forum-regional-developpement-social/",
]


def switch_link(html: str, lang: str) -> str:
    nav = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    match = re.search(rf'<a href="([^"]+)" lang="{lang}"', nav)
    assert match, nav
    return match.group(1)


def test_every_seeded_page_answers_in_both_languages_and_the_switch_leads_to_its_version(
    client, demo_site
):
    english_paths = set()
    for path in SEEDED:
        french = client.get(f"/{path}")
        assert french.status_code == 200, path
        assert '<html lang="fr-CA">' in french.text
        english_url = switch_link(french.text, "en")
        assert english_url.startswith("/en/"), (path, english_url)
        english = client.get(english_url)
        assert english.status_code == 200, english_url
        assert '<html lang="en">' in english.text
        # The English page is the translation of the French one, and its switch leads back.
        french_page = Page.objects.get(
            url_path__endswith=f"/accueil/{path}", locale__language_code="fr-ca"
        )
        assert english.context["page"].translation_key == french_page.translation_key
        assert switch_link(english.text, "fr-CA") == f"/{path}"
        english_paths.add(english_url)
    assert len(english_paths) == len(SEEDED)


def test_the_demo_covers_the_history_territory_model_strategies_news_and_event(client, demo_site):
    history = client.get("/qui-sommes-nous/").text
    for fact in ["2018", "Alliances pour la solidarité", "Communagir", "juin 2021", "IDS-CN"]:
        assert fact in history
    territory = client.get("/notre-territoire/").text
    # The live block: the seven MRCs / equivalent territory with their 2021 populations.
    for name, population in [
        ("Charlevoix", "13 371"),
        ("Portneuf", "55 523"),
        ("Québec", "588 777"),
    ]:
        assert name in territory
        assert re.search(population.replace(" ", r"\s"), territory), population
    strategies = client.get("/nos-strategies/").text
    for title in ["concertation intersectorielle", "action communautaire"]:
        assert title in strategies.lower()
    glossary = client.get("/en/glossary/").text
    assert 'id="social-development"' in glossary
    assert '<span lang="fr-CA">Développement social</span>' in glossary


def test_the_glossary_explains_every_word_of_the_model_a_newcomer_meets(client, demo_site):
    french = client.get("/glossaire/").text
    for slug, term in [
        ("premier-lien", "Premier lien"),
        ("second-lien", "Second lien"),
        ("membre-d-office", "Membre d'office"),
        ("redevabilite", "Redevabilité"),
        ("consentement", "Consentement"),
        ("siege", "Siège"),
        ("substitut", "Substitut"),
        ("palier", "Palier"),
        ("chantier", "Chantier"),
        ("cercle", "Cercle"),
        ("politique", "Politique"),
        ("consultation", "Consultation"),
        ("proposition-citoyenne", "Proposition citoyenne"),
        ("appui", "Appui"),
        ("parcours-d-influence", "Parcours d'influence"),
        ("moderation", "Modération"),
    ]:
        assert f'id="{slug}"' in french, slug
        assert escape(term) in french, term
    english = client.get("/en/glossary/").text
    for slug in [
        *("lead-link", "delegate", "accountability", "consent", "seat", "substitute"),
        *("citizen-proposal", "influence-trail"),
    ]:
        assert f'id="{slug}"' in english, slug


def test_loading_the_demo_twice_adds_nothing(demo_site):
    pages = Page.objects.count()
    out = StringIO()
    demo.load(stdout=out)
    assert Page.objects.count() == pages
    assert "(0 new)" in out.getvalue() or "(0 nouvelle" in out.getvalue()


def test_the_seeded_event_exports_a_valid_icalendar(client, demo_site):
    response = client.get("/evenements/forum-regional-developpement-social/ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Forum régional sur le développement social"
    assert events[0].decoded("DTEND") > events[0].decoded("DTSTART")
    assert "inscription" in str(events[0]["DESCRIPTION"])


def test_the_sitemap_lists_the_pages_of_both_languages(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>http://testserver/qui-sommes-nous/</loc>" in body
    assert "<loc>http://testserver/en/who-we-are/</loc>" in body
    assert 'hreflang="en" href="http://testserver/en/who-we-are/"' in body
    assert body.count("<url>") == Page.objects.live().filter(depth__gt=1).count()


def test_make_run_command_loads_the_site_after_the_other_apps(db):
    call_command("load_region", "03", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = [line[2:] for line in out.getvalue().splitlines() if line.startswith("· ")]
    names = [str(apps.get_app_config(label).verbose_name) for label in ("network", "site")]
    assert lines.index(names[0]) < lines.index(names[1]) == len(lines) - 1
