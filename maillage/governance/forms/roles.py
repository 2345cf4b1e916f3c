"""Forms of roles and of the people who hold them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import data_from, date_field, initial_from
from maillage.governance.forms._common import (
    PersonSeatForm,
    check_dates,
    lines,
    lines_field,
    people,
    seat_field,
    set_queryset,
    substitutes_field,
)
from maillage.governance.models import Role, RoleAssignment, RoleKind
from maillage.governance.services import RoleData
from maillage.network.forms import PersonChoiceField
from maillage.network.models import Person

POLICY_DEFAULT, POLICY_YES, POLICY_NO = "", "yes", "no"


class RoleForm(EditForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a built-in role to use its usual name."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of role"),
        choices=RoleKind.choices,
        help_text=_(
            "The lead link (premier lien) is named by the parent circle: it carries the parent's "
            "purpose into the circle and is a member of both. The delegate (second lien) is chosen "
            "by the circle to carry its voice into the parent circle, where it sits too. "
            "Facilitation leads the meetings, the secretariat keeps the minutes and the records."
        ),
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accountabilities = lines_field(_("Accountabilities (redevabilités)"), rows=4)
    elected = forms.BooleanField(label=_("Elected role (with a term)"), required=False)
    term_months = forms.IntegerField(
        label=_("Term (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("For an elected role: how long a term lasts."),
    )
    may_amend_policies = forms.ChoiceField(
        label=_("May adopt and amend the circle's policies"),
        required=False,
        choices=[
            (POLICY_DEFAULT, _("As usual for this kind (the lead link and the secretary may)")),
            (POLICY_YES, _("Yes")),
            (POLICY_NO, _("No")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        role: Role | None = None,
        in_workstream: bool = False,
        **kwargs: Any,
    ) -> None:
        if role is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(role, "name", "kind", "purpose", "elected", "term_months"),
                "accountabilities": "\n".join(a.text for a in role.accountabilities.all()),
                "may_amend_policies": POLICY_YES if role.may_amend_policies else POLICY_NO,
            }
        kwargs.setdefault("initial", {}).setdefault("kind", RoleKind.CUSTOM)
        super().__init__(*args, **kwargs)
        if in_workstream:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [c for c in RoleKind.choices if c[0] != RoleKind.DELEGATE]
            del self.fields["may_amend_policies"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("elected") and not data.get("term_months") and "term_months" not in self.errors:
            self.add_error("term_months", _("An elected role needs a term length."))
        return data

    def to_data(self) -> RoleData:
        data = self.cleaned_data
        choice = data.get("may_amend_policies") or POLICY_DEFAULT
        return data_from(
            RoleData,
            data,
            accountabilities=lines(data["accountabilities"]),
            elected=bool(data["elected"]),
            term_months=data["term_months"] if data["elected"] else None,
            may_amend_policies=None if choice == POLICY_DEFAULT else choice == POLICY_YES,
        )


class AssignForm(PersonSeatForm):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    seat = seat_field(
        help_text=_(
            "The seat through which the person sits for an organization. Its substitutes become "
            "the role's substitutes unless you choose others."
        ),
    )
    substitutes = substitutes_field()
    start_date = date_field(_("Start date"))
    term_end = date_field(
        _("Term end"),
        help_text=_("For an elected role, the term length after the start unless you say."),
    )

    def __init__(self, *args: Any, seats_url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        set_queryset(self, "substitutes", people())
        self._set_up_seat(seats_url)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(self, "start_date", "term_end", _("A term cannot end before it starts."))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        """What was chosen, as `services.role_assign` takes it."""
        data = self.cleaned_data
        return {**data, "substitutes": list(data["substitutes"]) or None}


class AssignmentForm(EditForm):
    substitutes = substitutes_field()
    term_end = date_field(_("Term end"))

    def __init__(self, *args: Any, assignment: RoleAssignment, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "substitutes": list(assignment.substitutes.all()),
            "term_end": assignment.term_end,
        }
        super().__init__(*args, **kwargs)
        set_queryset(self, "substitutes", people())

    def to_kwargs(self) -> dict[str, Any]:
        """What was chosen, as `services.role_assignment_update` takes it."""
        return {**self.cleaned_data, "substitutes": list(self.cleaned_data["substitutes"])}
