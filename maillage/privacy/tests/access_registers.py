"""Permission matrix of the registers: the privacy area, the incidents, the assessments, the
record of access to contact details and the retention (the person in charge and administrators;
the matrix's roles hold no officer, so staff are refused)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    from maillage.privacy.tests.factories_registers import IncidentFactory

    data.privacy_incident = IncidentFactory.create()


incident = {"kwargs": lambda d: {"pk": d.privacy_incident.pk}}

REGISTERS_ACCESS = {
    "privacy:area": Expect.admin(),
    "privacy:incident_list": Expect.admin(),
    "privacy:incident_create": Expect.admin(),
    "privacy:incident_detail": Expect.admin(**incident),
    "privacy:incident_update": Expect.admin(**incident),
    "privacy:incident_export": Expect.admin(kwargs=lambda d: {"fmt": "csv"}),
}
