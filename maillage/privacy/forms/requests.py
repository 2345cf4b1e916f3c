"""A person's request, and the handlers' answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.privacy.models import RequestKind
from maillage.privacy.services.requests import MESSAGE_MAX


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask?"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.DELETION,
    )
    message = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction, say what is wrong and what it should be."),
    )
    remove_texts = forms.BooleanField(
        label=_("Also remove the texts I wrote (comments, proposals)"),
        required=False,
        help_text=_(
            "Deletion only. Without it, what you wrote stays under a pseudonym, without your name."
        ),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the refusal"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person reads it. Name the section of the law that applies."),
    )
