"""The form publishing a new version of the privacy policy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# A policy in plain words fits well within this; the bound keeps a paste of a book out.
TEXT_LIMIT = 60_000


class PolicyForm(forms.Form):
    text_fr = forms.CharField(
        label=_("Text (French)"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Plain words; a blank line starts a new paragraph."),
    )
    text_en = forms.CharField(
        label=_("Text (English)"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    changes_fr = forms.CharField(
        label=_("What changed (French)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to every person who accepted an earlier version."),
    )
    changes_en = forms.CharField(
        label=_("What changed (English)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PolicyAcceptForm(forms.Form):
    """The button accepting the version in force: its number, so that a version published
    while the page was open is not accepted unread."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
