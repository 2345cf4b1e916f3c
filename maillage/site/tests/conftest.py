from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The region, the demo of every app, and the public site's pages in both languages."""
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
