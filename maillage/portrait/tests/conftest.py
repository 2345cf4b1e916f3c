from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from maillage.core.permissions import SYSTEM
from maillage.portrait import imports
from maillage.portrait.services import indicators_import
from maillage.territories.services import region_load

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
REGION_FILE = SHARED_DATA / "indicators_region03.csv"
MORE_FILE = SHARED_DATA / "indicators_region03_more.csv"


def shared_file(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reference data folder is not beside the project")
    return path


def import_path(path: Path, actor=SYSTEM):
    return indicators_import(actor=actor, rows=imports.parse_file(path.name, path.read_bytes()))


@pytest.fixture
def region03(db):
    """Region 03 and Québec, from the project's reference data."""
    return region_load(actor=SYSTEM, region_code="03").region


@pytest.fixture
def region_file():
    return shared_file(REGION_FILE)


@pytest.fixture
def imported(region03, region_file):
    report = import_path(region_file)
    assert report.applied and not report.errors
    return report
