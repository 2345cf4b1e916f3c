"""The public site's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class NewsletterVerb(Verbs):
    CREATED = "newsletter.created", _("newsletter written")
    SENT = "newsletter.sent", _("newsletter sent")


register_verbs(NewsletterVerb)
