"""The form of a confidentiality incident."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm

# A register's count of people stays a number a column holds.
MAX_PEOPLE = 10_000_000


class IncidentForm(EditForm):
    occurred_on = formtools.date_field(_("Occurred on"), help_text=_("Leave empty when unknown."))
    discovered_on = formtools.date_field(_("Discovered on"), required=True)
    nature = forms.CharField(
        label=_("Nature of the incident"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Access, use or disclosure not authorized by law, loss, other breach."),
    )
    information = forms.CharField(
        label=_("Personal information concerned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    people_count = forms.IntegerField(
        label=_("Number of people concerned"),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        help_text=_("Leave empty when unknown."),
    )
    people_description = forms.CharField(
        label=_("People concerned"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
        help_text=_("Who they are (partner members, applicants…), without naming them."),
    )
    serious_risk = forms.TypedChoiceField(
        label=_("Risk of serious injury"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    risk_reasoning = forms.CharField(
        label=_("Assessment of the risk"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("The sensitivity of the information, its likely misuse and its consequences."),
    )
    commission_notified_on = formtools.date_field(
        _("Commission d'accès à l'information notified on"),
        help_text=_("Promptly, when the risk of serious injury is assessed."),
    )
    people_notified_on = formtools.date_field(_("People concerned notified on"))
    measures = forms.CharField(
        label=_("Measures taken"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("To reduce the risk of injury and to prevent another incident."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The radio buttons show "yes"/"no"; the record holds a boolean.
        initial = self.initial.get("serious_risk")
        if isinstance(initial, bool):
            self.initial["serious_risk"] = "yes" if initial else "no"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        occurred, discovered = data.get("occurred_on"), data.get("discovered_on")
        if occurred and discovered and occurred > discovered:
            self.add_error("occurred_on", _("An incident cannot be discovered before it occurred."))
        return data
