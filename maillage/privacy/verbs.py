"""The privacy app's audit verbs, one enum per subject (each registered with `register_verbs`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class RegisterVerb(Verbs):
    INCIDENT_RECORDED = "privacy.incident_recorded", _("confidentiality incident recorded")
    INCIDENT_UPDATED = "privacy.incident_updated", _("confidentiality incident changed")
    ASSESSMENT_RECORDED = "privacy.assessment_recorded", _("privacy impact assessment recorded")
    ASSESSMENT_UPDATED = "privacy.assessment_updated", _("privacy impact assessment changed")
    RETENTION_SIMULATED = "privacy.retention_simulated", _("retention simulated")
    RETENTION_APPLIED = "privacy.retention_applied", _("retention applied")


register_verbs(RegisterVerb)


class MyDataVerb(Verbs):
    DOWNLOADED = "my_data.downloaded", _("personal information downloaded")
    COPY_REQUESTED = "my_data.copy_requested", _("copy of personal information asked for")
    COPY_READY = "my_data.copy_ready", _("copy of personal information made")
    COPY_FAILED = "my_data.copy_failed", _("copy of personal information failed")


class RequestVerb(Verbs):
    CREATED = "privacy_request.created", _("request about personal information received")
    STARTED = "privacy_request.start", _("request about personal information being handled")
    COMPLETED = "privacy_request.complete", _("request about personal information completed")
    REFUSED = "privacy_request.refuse", _("request about personal information refused")
    REMINDED = "privacy_request.reminded", _("handlers reminded of a request's deadline")


class AnonymizationVerb(Verbs):
    ANONYMIZED = "account.anonymized", _("account anonymized")


register_verbs(MyDataVerb)
register_verbs(RequestVerb)
register_verbs(AnonymizationVerb)


class OfficerVerb(Verbs):
    SET = "privacy.officer_set", _("person in charge of personal information named")


class PolicyVerb(Verbs):
    PUBLISHED = "privacy.policy_published", _("privacy policy published")
    ACCEPTED = "privacy.policy_accepted", _("privacy policy accepted")


class ConsentVerb(Verbs):
    GIVEN = "privacy.consent_given", _("consent given")
    WITHDRAWN = "privacy.consent_withdrawn", _("consent withdrawn")


register_verbs(OfficerVerb)
register_verbs(PolicyVerb)
register_verbs(ConsentVerb)
