"""The network app's audit verbs."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class NetworkVerb(Verbs):
    ORGANIZATION_CREATED = "organization.created", _("organization created")
    ORGANIZATION_UPDATED = "organization.updated", _("organization updated")
    ORGANIZATION_STATUS_CHANGED = (
        "organization.status_changed",
        _("status in the collective changed"),
    )
    PERSON_CREATED = "person.created", _("person created")
    PERSON_UPDATED = "person.updated", _("person updated")
    PERSON_ACCOUNT_LINKED = "person.account_linked", _("account linked")
    FUNCTION_ADDED = "function.added", _("function added")
    FUNCTION_ENDED = "function.ended", _("function ended")
    SEAT_ASSIGNED = "seat.assigned", _("seat assigned")
    SEAT_UPDATED = "seat.updated", _("seat updated")
    SEAT_ENDED = "seat.ended", _("seat ended")
    IMPORTED = "network.imported", _("network imported from a CSV file")


register_verbs(NetworkVerb)
