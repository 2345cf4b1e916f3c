"""The territorial portrait holds statistics about territories, never about a person."""

from django.utils.translation import gettext_lazy as _

from maillage.core.personal import exempt

exempt(
    "portrait.Indicator",
    fields=["definition_fr", "definition_en"],
    reason=_("The public definition of a statistical indicator, written by staff."),
)
