"""Forms of the members of circles and workstreams."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.governance.forms._common import PersonSeatForm, seat_field
from maillage.governance.models import MembershipKind
from maillage.network.forms import PersonChoiceField
from maillage.network.models import Person


class MemberForm(PersonSeatForm):
    as_substitute = True  # a substitute may sit on behalf of the seat they substitute in

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(
        label=_("As"),
        choices=MembershipKind.choices,
        initial=MembershipKind.MEMBER,
        widget=forms.RadioSelect,
    )
    seat = seat_field(
        help_text=_("The seat (or the substituted seat) through which the person sits."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(
        self, *args: Any, in_workstream: bool = False, seats_url: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_seat(seats_url)
        if not in_workstream:
            del self.fields["kind"]


class EndMembershipForm(EditForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=255,
        required=False,
        help_text=_("Kept with the membership's history."),
    )
