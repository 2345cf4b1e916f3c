"""The forms of proposals, comments and supports: online under one's name or a pseudonym, or
gathered in person with the channel and the consent given; and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import FilterForm, ModelChoiceField
from maillage.participation.models import Channel, Signature
from maillage.territories.models import Territory

# The largest key a row may have: a larger number typed in is no comment at all.
MAX_KEY = 2**31 - 1

IN_PERSON_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


def _territory_field(choices: QuerySet[Territory]) -> ModelChoiceField:
    return ModelChoiceField(
        label=_("Territory concerned"),
        queryset=choices,
        required=False,
        empty_label=_("The whole territory of the consultation"),
        help_text=_("Optional: the place your proposal is about."),
    )


class _Signed(forms.Form):
    """How a person appears: under their account's name, or a pseudonym they type."""

    signature = forms.ChoiceField(
        label=_("How do you want to appear?"),
        choices=Signature.choices,
        widget=forms.RadioSelect,
        initial=Signature.NAME,
    )
    display_name = forms.CharField(
        label=_("Name shown"),
        max_length=120,
        required=False,
        help_text=_(
            "Under my name: the name of your account. Under a pseudonym: any name you like."
        ),
    )

    def __init__(self, *args: Any, account_name: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("display_name", account_name)
        super().__init__(*args, **kwargs)


class ProposalForm(_Signed):
    title = forms.CharField(label=_("Title of your proposal"), max_length=200)
    text = forms.CharField(
        label=_("Your proposal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Say what you propose, and why. Short sentences are welcome."),
    )
    image = forms.FileField(
        label=_("An image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("A photo or a drawing, PNG or JPEG, 5 MB at most."),
    )
    image_description = forms.CharField(
        label=_("What the image shows"),
        max_length=300,
        required=False,
        help_text=_("Needed with an image, for people who cannot see it."),
    )

    field_order = ["title", "text", "territory", "image", "image_description"]

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if territories.exists():
            self.fields["territory"] = _territory_field(territories)
            self.order_fields(self.field_order)


class _InPerson(forms.Form):
    """What any contribution gathered in person says: under which name, where, with which
    consent."""

    display_name = forms.CharField(
        label=_("Name shown"),
        max_length=120,
        help_text=_("The name or first name the person wishes to be shown under."),
    )
    channel = forms.ChoiceField(label=_("Gathered"), choices=IN_PERSON_CHANNELS)
    consent = forms.CharField(
        label=_("Consent given"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the person agreed that their words be recorded and published."),
    )


class InPersonProposalForm(_InPerson):
    title = forms.CharField(label=_("Title of the proposal"), max_length=200)
    text = forms.CharField(
        label=_("The proposal"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )

    field_order = ["title", "text", "territory", "display_name", "channel", "consent"]

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if territories.exists():
            self.fields["territory"] = _territory_field(territories)
            self.order_fields(self.field_order)


class _Reply(forms.Form):
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_KEY, widget=forms.HiddenInput
    )


class CommentForm(_Reply, _Signed):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )

    field_order = ["text", "signature", "display_name"]


class InPersonCommentForm(_Reply, _InPerson):
    text = forms.CharField(
        label=_("The comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )

    field_order = ["text", "display_name", "channel", "consent"]


class InPersonSupportForm(forms.Form):
    channel = forms.ChoiceField(label=_("Gathered"), choices=IN_PERSON_CHANNELS)
    consent = forms.CharField(
        label=_("Consent given"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the person agreed that their support be counted."),
    )


ORDER_CHOICES = [("recent", _("Newest first")), ("supported", _("Most supported first"))]


class ProposalFilterForm(FilterForm):
    order = forms.ChoiceField(label=_("Sort"), choices=ORDER_CHOICES, required=False)
    territory = ModelChoiceField(
        label=_("Territory"), queryset=Territory.objects.none(), required=False
    )

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not territories.exists():
            del self.fields["territory"]
            return
        field = self.fields["territory"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = territories
        field.empty_label = _("All territories")
