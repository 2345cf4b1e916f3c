"""Demo hook called by the project's `load_demo` command: the region and, when the shared data
folder is present, its boundaries. Safe to run again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.services import boundaries_import, region_load

REGION_CODE = "03"
BOUNDARY_FILE = "capitale_nationale_03_mrc_p4.geojson"


def shared_data_dir() -> Path:
    """The reference data folder beside the project (never committed to it)."""
    return Path(settings.BASE_DIR).parent / "shared" / "data"


def load(*, stdout: Any) -> None:
    if Territory.objects.filter(type=TerritoryType.REGION, code=REGION_CODE).exists():
        stdout.write(_("Region %(code)s is already loaded.") % {"code": REGION_CODE})
    else:
        report = region_load(actor=SYSTEM, region_code=REGION_CODE)
        stdout.write(
            _("Region %(code)s loaded: %(created)d territories.")
            % {"code": REGION_CODE, "created": report.created}
        )
    path = shared_data_dir() / BOUNDARY_FILE
    if not path.is_file():
        stdout.write(
            _(
                "No boundary file at %(path)s: the territory pages show lists instead of maps. "
                "Import official boundaries with “manage.py import_boundaries FILE --region 03”."
            )
            % {"path": path}
        )
        return
    result = boundaries_import(
        actor=SYSTEM, data=path.read_bytes(), region_code=REGION_CODE, source=path.name
    )
    stdout.write(
        _("Boundaries of region %(code)s: %(imported)d imported from %(file)s.")
        % {"code": REGION_CODE, "imported": result.imported, "file": path.name}
    )
