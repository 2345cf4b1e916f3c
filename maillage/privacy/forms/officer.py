"""The administrators' form naming the person in charge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.models import User


class OfficerForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Published: the public reads this title, not a name."),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        help_text=_("Published beside every form that collects personal information."),
    )
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    account = formtools.ModelChoiceField(
        label=_("Account of the person in charge"),
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name", "email"),
        required=False,
        help_text=_("Optional: with an account, the person in charge reads the registers."),
    )
