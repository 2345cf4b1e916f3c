"""The committee's recommendation: one line per application of the call awaiting it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.funding.forms._common import money_field
from maillage.funding.models import Application, Outcome
from maillage.funding.services.recommendations import LineData

LEAVE = ""


class RecommendationForm(forms.Form):
    note = forms.CharField(
        label=_("Rationale for the committee"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, applications: list[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.applications = applications
        fields: dict[str, forms.Field] = {}
        for a in applications:
            fields[f"outcome_{a.pk}"] = forms.ChoiceField(
                label=_("Recommendation"),
                choices=[(LEAVE, _("Not in this recommendation")), *Outcome.choices],
                required=False,
            )
            fields[f"amount_{a.pk}"] = money_field(
                _("Amount granted ($)"),
                required=False,
                positive=True,
                initial=a.amount_requested,
            )
            fields[f"conditions_{a.pk}"] = forms.CharField(
                label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            fields[f"reasons_{a.pk}"] = forms.CharField(
                label=_("Reasons given to the applicant"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields = {**fields, **self.fields}

    def groups(self) -> list[tuple[Application, list[forms.BoundField]]]:
        """Each application with its four fields, for the page's fieldsets."""
        return [
            (a, [self[f"{name}_{a.pk}"] for name in ("outcome", "amount", "conditions", "reasons")])
            for a in self.applications
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = 0
        for a in self.applications:
            outcome = data.get(f"outcome_{a.pk}")
            if not outcome:
                continue
            chosen += 1
            if outcome == Outcome.ACCEPT and not data.get(f"amount_{a.pk}"):
                self.add_error(f"amount_{a.pk}", _("An accepted project needs an amount."))
            if outcome == Outcome.DECLINE and not (data.get(f"reasons_{a.pk}") or "").strip():
                self.add_error(
                    f"reasons_{a.pk}", _("Give the applicant the reasons of the refusal.")
                )
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Recommend something for at least one application."))
        return data

    def lines(self) -> list[LineData]:
        data = self.cleaned_data
        return [
            LineData(
                application=a,
                outcome=data[f"outcome_{a.pk}"],
                amount=data.get(f"amount_{a.pk}"),
                conditions=data.get(f"conditions_{a.pk}", ""),
                reasons=data.get(f"reasons_{a.pk}", ""),
            )
            for a in self.applications
            if data.get(f"outcome_{a.pk}")
        ]
