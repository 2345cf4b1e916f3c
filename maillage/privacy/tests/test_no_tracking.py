"""No third-party tracking: the pages load no script, style or font from another site, and the
privacy page and every footer say so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from maillage.core.roles import Role

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<(script|link|img|iframe|source)\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"\b(src|href)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
# What a <link> loads (an alternate language or a feed is a link to follow, not a load).
LOADED_RELS = ("stylesheet", "preload", "modulepreload", "icon", "font", "prefetch", "manifest")


def external_loads(html: str) -> list[str]:
    found = []
    for tag in TAG.finditer(html):
        text, name = tag.group(0), tag.group(1).lower()
        if name == "link":
            rel = re.search(r"\brel\s*=\s*[\"']?([^\"'>]+)", text, re.IGNORECASE)
            if rel is None or not any(word in rel.group(1).lower() for word in LOADED_RELS):
                continue
        found += [match.group(2) for match in ATTRIBUTE.finditer(text)]
    # A style that pulls a font or a sheet from elsewhere.
    found += re.findall(r"(?:@import|url\()\s*[\"']?((?:https?:)?//[^\"')\s]+)", html)
    return found


def test_the_scan_finds_an_external_script_style_and_font():
    html = (
        '<script src="https://cdn.example.com/x.js"></script>'
        "<link rel='stylesheet' href='//fonts.example.com/css'>"
        '<link rel="alternate" hreflang="en" href="https://ici.example/en/">'
        "<style>@font-face { src: url(https://fonts.example.com/a.woff2) }</style>"
        '<script src="/static/maillage/js/forms.js"></script>'
    )
    assert external_loads(html) == [
        "https://cdn.example.com/x.js",
        "//fonts.example.com/css",
        "https://fonts.example.com/a.woff2",
    ]


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.ADMIN])
def test_pages_load_nothing_from_another_site(client, client_as, role):
    browser = client if role is None else client_as(role)
    urls = ["/", "/en/", reverse("privacy:policy")]
    if role is None:
        urls += [reverse("account_login"), reverse("account_signup")]
    else:
        urls += [reverse("core:my_space"), reverse("privacy:consents")]
    for url in urls:
        response = browser.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script" in html, url  # the scan sees the page's own scripts
        assert external_loads(html) == [], url


def test_the_stylesheets_import_nothing_from_another_site():
    sheets = list(Path(settings.BASE_DIR, "maillage").glob("*/static/**/*.css"))
    assert sheets
    for sheet in sheets:
        assert external_loads(sheet.read_text(encoding="utf-8")) == [], sheet


def test_the_privacy_page_and_the_footer_say_there_is_no_tracking(client):
    policy = client.get(reverse("privacy:policy")).content.decode()
    assert "Aucun pistage par des tiers" in policy
    footer = client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert "Aucun pistage par des tiers" in footer
    assert f'href="{reverse("privacy:policy")}"' in footer
