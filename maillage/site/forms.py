"""The staff's form of a newsletter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NewsletterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Plain text, sent as written to every account that consents to receive it."),
    )
