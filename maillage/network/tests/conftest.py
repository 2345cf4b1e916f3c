from __future__ import annotations

import pytest

from maillage.network.tests.factories import mrc, municipality


@pytest.fixture
def charlevoix_est(db):
    """The MRC of Charlevoix-Est, in the region of the Capitale-Nationale."""
    return mrc()


@pytest.fixture
def la_malbaie(charlevoix_est):
    """La Malbaie, a town of Charlevoix-Est."""
    return municipality(parent=charlevoix_est)
