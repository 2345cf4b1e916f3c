"""The main menu as every app registers it: entries, order and visibility per role."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from maillage.core.roles import ANONYMOUS, Role

pytestmark = pytest.mark.django_db

EVERYONE = [
    "Accueil",
    "Territoire",
    "Portrait",
    "Réseau des partenaires",
    "Modèle de collaboration",
    "Décisions",
    "Financement",
    "Plan de travail",
    "Consultations",
]


def main_menu(html: str) -> str:
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (ANONYMOUS, EVERYONE),
        (Role.CITIZEN, EVERYONE),
        (Role.GUEST, EVERYONE),
        (Role.MEMBER, EVERYONE),
        # The privacy area (350): the staff (its requests' queue), administrators and the person
        # in charge (its registers).
        *(
            (
                role,
                [
                    *EVERYONE[:5],
                    "Confidentialité",
                    *EVERYONE[5:],
                    "Modifier le site",
                    "Comptes et accès",
                ],
            )
            for role in (Role.STAFF, Role.ADMIN)
        ),
    ],
)
def test_each_role_sees_its_entries(client_as, role, expected):
    html = client_as(role).get("/confidentialite/").text
    assert re.findall(r"<li><a [^>]*>([^<]*)</a></li>", main_menu(html)) == expected


def test_the_menu_of_an_administrator_on_a_section(client_as):
    html = client_as(Role.ADMIN).get("/territoires/").text
    nav = re.sub(r">\s+<", "><", main_menu(html)).strip()
    assert nav == (
        'aria-label="Navigation principale"><ul class="container">'
        '<li><a href="/">Accueil</a></li>'
        '<li><a href="/territoires/" aria-current="page">Territoire</a></li>'
        '<li><a href="/portrait/">Portrait</a></li>'
        '<li><a href="/repertoire/">Réseau des partenaires</a></li>'
        '<li><a href="/gouvernance/">Modèle de collaboration</a></li>'
        '<li><a href="/confidentialite/gestion/">Confidentialité</a></li>'
        '<li><a href="/decisions/">Décisions</a></li>'
        '<li><a href="/financement/">Financement</a></li>'
        '<li><a href="/plan/">Plan de travail</a></li>'
        '<li><a href="/participation/">Consultations</a></li>'
        '<li><a href="/edition/">Modifier le site</a></li>'
        '<li><a href="/gestion-des-acces/">Comptes et accès</a></li>'
        "</ul>"
    )


def test_english_menu_and_the_home_page(client):
    html = client.get("/en/").text
    nav = main_menu(html)
    assert '<a href="/en/" aria-current="page">Home</a>' in nav
    assert '<a href="/en/territories/">Territory</a>' in nav
    assert '<a class="brand" href="/en/">' in html


def test_every_app_stylesheet_is_linked(client):
    html = client.get("/confidentialite/").text
    assert re.findall(r'<link rel="stylesheet" href="/static/([^"]+)">', html) == [
        "maillage/css/maillage.css",
        "privacy/privacy.css",
        "territories/territories.css",
        "portrait/portrait.css",
        "portrait/maps.css",
        "network/network.css",
        "governance/governance.css",
        "decisions/decisions.css",
        "funding/funding.css",
        "planning/planning.css",
        "planning/dashboards.css",
        "participation/participation.css",
        "site/site.css",
    ]


def test_css_and_javascript_of_a_page_stay_under_60_kb_compressed(client):
    html = client.get("/confidentialite/").text
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert "maillage/js/htmx.min.js" in assets
    size = 0
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        size += len(gzip.compress(Path(path).read_bytes()))
    assert size < 60 * 1024
