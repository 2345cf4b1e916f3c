"""Permission matrix of the registers: the privacy area, the incidents, the assessments, the
record of access to contact details and the retention (the person in charge and administrators;
the matrix's roles hold no officer, so staff are refused)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    from maillage.privacy.tests.factories_registers import AssessmentFactory, IncidentFactory

    data.privacy_incident = IncidentFactory.create()
    data.privacy_assessment = AssessmentFactory.create()


incident = {"kwargs": lambda d: {"pk": d.privacy_incident.pk}}
assessment = {"kwargs": lambda d: {"pk": d.privacy_assessment.pk}}

REGISTERS_ACCESS = {
    "privacy:area": Expect.staff(),
    "privacy:incident_list": Expect.admin(),
    "privacy:incident_create": Expect.admin(),
    "privacy:incident_detail": Expect.admin(**incident),
    "privacy:incident_update": Expect.admin(**incident),
    "privacy:incident_export": Expect.admin(kwargs=lambda d: {"fmt": "csv"}),
    "privacy:access_log": Expect.admin(),
    "privacy:retention": Expect.admin(),
    # POST only: a GET is refused after the permission check (visitors go to the login page).
    "privacy:retention_simulate": Expect.of(LOGIN, 403, 403, 403, 403, 405),
    "privacy:retention_apply": Expect.of(LOGIN, 403, 403, 403, 403, 405),
    "privacy:assessment_list": Expect.admin(),
    "privacy:assessment_create": Expect.admin(),
    "privacy:assessment_detail": Expect.admin(**assessment),
    "privacy:assessment_update": Expect.admin(**assessment),
}

ACCESS = REGISTERS_ACCESS
