from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from maillage.core.permissions import SYSTEM
from maillage.territories.regiondata import bundled_boundaries
from maillage.territories.services import region_load

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
QUEBEC_FILE = SHARED_DATA / "quebec_mrc_bdga1m_v2017.geojson"


def shared_file(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reference data folder is not beside the project")
    return path


@pytest.fixture
def region03(db):
    """Region 03 loaded from the project's fixtures."""
    return region_load(actor=SYSTEM, region_code="03").region


@pytest.fixture
def region03_file():
    """The region's boundaries as the project ships them (a copy of the reference file)."""
    shipped = bundled_boundaries("03")
    assert shipped is not None
    return shipped[0]


@pytest.fixture
def quebec_file():
    return shared_file(QUEBEC_FILE)
