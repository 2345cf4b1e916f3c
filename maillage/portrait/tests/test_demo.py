"""The demo loads the region's indicator files when present, and again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest

from maillage.portrait import demo
from maillage.portrait.models import Value
from maillage.portrait.tests.conftest import REGION_FILE, shared_file

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_shared_files_once(region03):
    shared_file(REGION_FILE)
    demo.load(stdout=StringIO())
    count = Value.objects.count()
    assert count > 0
    demo.load(stdout=StringIO())
    assert Value.objects.count() == count


def test_the_demo_skips_absent_files(region03, tmp_path):
    demo.load(stdout=StringIO(), directory=tmp_path)
    assert not Value.objects.exists()
