"""Moderation: a report, a hide with its reason, a moderator named among a group's members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField
from maillage.core.models import User
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import ReportReason
from maillage.participation.selectors.moderation import possible_moderators


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason for your report.")},
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("What should the moderation know? Do not write anyone's personal information."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class HideForm(EditForm):
    """Hiding changes the contribution: the form carries its version, so a moderator who opened
    it before another one hid or restored the contribution overwrites nothing."""

    reason = forms.CharField(
        label=_("Reason shown to the public"),
        help_text=_("For example: “Personal information about a neighbour.”"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        error_messages={"required": _("Say why, in a few words: the public will read it.")},
    )


class _MemberField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or _("Member without a name"))


class ModeratorForm(forms.Form):
    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"] = _MemberField(
            label=_("Member to name moderator"),
            queryset=possible_moderators(group),
            empty_label=_("Choose a member"),
            error_messages={
                "required": _("Choose the member to name."),
                "invalid_choice": _("This person is not a member of this circle or workstream."),
            },
        )

    def account(self) -> User:
        account: User = self.cleaned_data["account"]
        return account
