"""The territories hold no personal information; their names only look like it."""

from django.utils.translation import gettext_lazy as _

from maillage.core.personal import exempt

exempt(
    "territories.Territory",
    fields=["name"],
    reason=_("The official name of a territory (region, MRC, municipality)."),
)
