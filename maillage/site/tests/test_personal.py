"""The public site's part of the registry of personal information: its pages are written by
staff for the public; "my data" lists the pages an account created."""

from __future__ import annotations

import pytest

from maillage.core import personal
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.site.models import StandardPage
from maillage.site.personal import export_site
from maillage.site.tests.factories import publish

pytestmark = pytest.mark.django_db


def test_my_data_lists_the_pages_i_created_and_not_the_others():
    editor = user_with_role(Role.STAFF)
    other = user_with_role(Role.STAFF)
    publish(StandardPage(title="Notre mission", slug="mission", owner=editor))
    publish(StandardPage(title="Nos partenaires", slug="partenaires", owner=other))

    (section,) = export_site(editor)

    assert section.key == "site.pages"
    assert [(row.values["Titre"], row.values["Publié"]) for row in section.rows] == [
        ("Notre mission", True)
    ]
    assert export_site(user_with_role(Role.MEMBER))[0].rows == []


def test_the_pages_leads_are_exempt_as_texts_written_for_the_public():
    from maillage.site import models as site_models

    pages = [site_models.HomePage, site_models.NewsArticlePage, site_models.EventPage]
    assert personal.undeclared(pages) == []
    assert all(personal.declaration(page, "intro") for page in pages)
