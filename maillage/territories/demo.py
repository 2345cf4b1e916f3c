"""Demo hook called by the project's `load_demo` command: the region and the boundaries it ships
with. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.services import region_boundaries_load, region_load

REGION_CODE = "03"


def load(*, stdout: Any) -> None:
    if Territory.objects.filter(type=TerritoryType.REGION, code=REGION_CODE).exists():
        stdout.write(_("Region %(code)s is already loaded.") % {"code": REGION_CODE})
    else:
        report = region_load(actor=SYSTEM, region_code=REGION_CODE)
        stdout.write(
            _("Region %(code)s loaded: %(created)d territories.")
            % {"code": REGION_CODE, "created": report.created}
        )
    result = region_boundaries_load(actor=SYSTEM, region_code=REGION_CODE)
    if result is None:
        stdout.write(
            _(
                "Region %(code)s ships no boundaries: the territory pages show lists instead of "
                "maps. Import official boundaries with “manage.py import_boundaries FILE --region "
                "%(code)s”."
            )
            % {"code": REGION_CODE}
        )
        return
    stdout.write(
        _("Boundaries of region %(code)s: %(imported)d imported.")
        % {"code": REGION_CODE, "imported": result.imported}
    )
