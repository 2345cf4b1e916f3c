"""The filters of the record of access to contact details."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools


class AccessFilterForm(formtools.FilterForm):
    account = forms.CharField(label=_("Account (address or name)"), max_length=200, required=False)
    since = formtools.date_field(_("From"))
    until = formtools.date_field(_("To"))

    def filters(self) -> dict[str, Any]:
        chosen = self.chosen() or {}
        return {
            "account": formtools.query_text(chosen, "account"),
            "since": chosen.get("since"),
            "until": chosen.get("until"),
        }
