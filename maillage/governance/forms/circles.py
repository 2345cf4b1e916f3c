"""Forms of circles and their accountabilities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import data_from, initial_from
from maillage.governance.forms._common import (
    NamedChoiceField,
    QuorumFields,
    ScopeMixin,
    levels_field,
    lines,
    lines_field,
    sectors_field,
    strategies_field,
    territory_field,
)
from maillage.governance.models import Circle, CircleMode
from maillage.governance.services import CircleData


class CircleForm(ScopeMixin, EditForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose (raison d'être)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    parent = NamedChoiceField(
        label=_("Parent circle"),
        required=False,
        queryset=Circle.objects.none(),
        empty_label=_("None (the general circle)"),
    )
    mode = forms.ChoiceField(
        label=_("Membership"),
        choices=CircleMode.choices,
        initial=CircleMode.CONSENT,
        widget=forms.RadioSelect,
        help_text=_("In an open circle, partner members may join by themselves."),
    )
    domains = lines_field(_("Domains"), rows=3)
    accountabilities = lines_field(_("Accountabilities (redevabilités)"), rows=4)
    territories = territory_field(_("Territories concerned"))
    levels = levels_field()
    strategies = strategies_field()
    sectors = sectors_field()
    quorum_seats = QuorumFields.base_fields["quorum_seats"]
    quorum_sectors = QuorumFields.base_fields["quorum_sectors"]
    quorum_required_sectors = QuorumFields.base_fields["quorum_required_sectors"]

    def __init__(
        self, *args: Any, circle: Circle | None = None, parent: Circle | None = None, **kwargs: Any
    ) -> None:
        if circle is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(circle, "name", "purpose", "mode"),
                "parent": circle.parent_id,
                "domains": "\n".join(circle.domains),
                "accountabilities": "\n".join(a.text for a in circle.accountabilities.all()),
                **self.scope_initial(circle),
            }
        elif parent is not None:
            kwargs.setdefault("initial", {})["parent"] = parent.pk
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        candidates = Circle.objects.filter(archived_at__isnull=True).order_by("name")
        if circle is not None:
            if circle.is_general:
                del self.fields["parent"]
            else:
                candidates = candidates.exclude(pk=circle.pk)
                field.empty_label = None
        if "parent" in self.fields:
            field.queryset = candidates

    def to_data(self) -> CircleData:
        data = self.cleaned_data
        return data_from(
            CircleData,
            data,
            domains=lines(data["domains"]),
            accountabilities=lines(data["accountabilities"]),
            **self.scope_data(),
        )


class AccountabilityForm(forms.Form):
    text = forms.CharField(
        label=_("Accountability"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: “Keep the regional work plan up to date”."),
    )
