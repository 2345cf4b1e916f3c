"""The privacy app's audit verbs, one enum per subject (each registered with `register_verbs`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


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
