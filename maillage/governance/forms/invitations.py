"""The form of an invitation to a workstream."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from maillage.governance.models import InvitationKind
from maillage.governance.services import DEFAULT_INVITATION_DAYS


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(
        label=_("Invited as"),
        choices=InvitationKind.choices,
        initial=InvitationKind.EXTERNAL,
        widget=forms.RadioSelect,
        help_text=_(
            "An external actor takes part in the work; a guest follows it. Both see only this "
            "workstream."
        ),
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expires_in_days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=90)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault(
            "expires_in_days",
            int(getattr(settings, "MAILLAGE_INVITATION_DAYS", DEFAULT_INVITATION_DAYS)),
        )
        super().__init__(*args, **kwargs)
