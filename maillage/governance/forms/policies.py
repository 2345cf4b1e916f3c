"""Forms of circles' policies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import data_from, date_field, initial_from
from maillage.governance.models import Policy, PolicyStatus
from maillage.governance.services import PolicyData


class PolicyForm(EditForm):
    """Adopting a policy, or amending `policy`."""

    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    adopted_on = date_field(_("Adopted on"), help_text=_("Today unless you say otherwise."))
    review_date = date_field(
        _("Review date"),
        help_text=_("It appears on the governance calendar; a reminder goes out beforehand."),
    )
    note = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        help_text=_("Kept with the new version."),
    )

    def __init__(self, *args: Any, policy: Policy | None = None, **kwargs: Any) -> None:
        if policy is not None:
            kwargs["initial"] = initial_from(policy, "title", "text", "review_date")
        super().__init__(*args, **kwargs)
        del self.fields["adopted_on" if policy is not None else "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "adopted_on" in self.fields:
            adopted = data.get("adopted_on") or timezone.localdate()
            review = data.get("review_date")
            if review and review < adopted:
                self.add_error(
                    "review_date", _("A policy cannot be reviewed before it is adopted.")
                )
        return data

    def to_data(self) -> PolicyData:
        return data_from(PolicyData, self.cleaned_data)


class PolicyStatusForm(EditForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PolicyStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Retiring a policy is final."),
    )
    review_date = date_field(
        _("Next review date"), help_text=_("Leave empty to keep the current one.")
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, policy: Policy, **kwargs: Any) -> None:
        kwargs["initial"] = {"status": policy.status}
        super().__init__(*args, **kwargs)
