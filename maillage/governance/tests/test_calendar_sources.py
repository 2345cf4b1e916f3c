"""The registry of the calendar's sources (`governance.calendar_sources`)."""

import pytest
from django.utils.translation import gettext_lazy

from maillage.governance.calendar_sources import (
    CalendarSource,
    calendar_sources,
    kind_label,
    register_calendar_source,
)


def test_a_source_cannot_take_a_kind_of_governance_or_of_another_source():
    with pytest.raises(ValueError, match="term_end"):
        register_calendar_source(
            CalendarSource(
                kind="term_end", label=gettext_lazy("Term end"), events=lambda w: [], models=()
            )
        )
    for source in calendar_sources():
        with pytest.raises(ValueError, match=source.kind):
            register_calendar_source(
                CalendarSource(kind=source.kind, label=source.label, events=lambda w: [], models=())
            )


def test_governance_kinds_keep_their_names():
    assert kind_label("sunset") == "Échéance d’un chantier"
