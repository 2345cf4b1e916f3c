"""Forms of elections and advice processes: starting one, a nomination (one's own or recorded
offline), the facilitator's proposal, advice (one's own or recorded offline), the decision and
its weighing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField, date_field
from maillage.core.models import User
from maillage.decisions.forms._common import FacilitatorField, PersonChoiceField, datetime_field
from maillage.decisions.models import ProcessMode, Visibility
from maillage.decisions.selectors import Voice
from maillage.decisions.services import AdviceData, ElectionData
from maillage.governance.models import Circle, Membership, Role, Workstream
from maillage.network.models import Person


def _group_key(group: Circle | Workstream) -> dict[str, Any]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


def _members(voice_list: list[Voice]) -> Any:
    return Person.objects.filter(pk__in=[p.pk for v in voice_list for p in v.holders]).order_by(
        "last_name", "first_name"
    )


def _speakers(voice_list: list[Voice]) -> Any:
    return Person.objects.filter(
        pk__in=[p.pk for v in voice_list for p in [*v.holders, *v.substitutes]]
    ).order_by("last_name", "first_name")


class RoleChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if obj.elected and obj.term_months:
            return str(_("%(name)s (elected, %(months)s months)")) % {
                "name": obj.name,
                "months": obj.term_months,
            }
        return str(obj.name)


class ElectionForm(forms.Form):
    """An election for a role of the circle or workstream, and its term."""

    role = RoleChoiceField(label=_("Role"), queryset=Role.objects.none())
    term_end = date_field(
        _("End of the term"),
        help_text=_("Leave empty for an elected role's own term, counted from the election."),
    )
    qualifications = forms.CharField(
        label=_("What the role asks (qualifications)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mode = forms.ChoiceField(
        label=_("How the election is held"),
        choices=ProcessMode.choices,
        initial=ProcessMode.LIVE,
        widget=forms.RadioSelect,
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the decision"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
    )
    facilitator = FacilitatorField(
        label=_("Facilitator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of the group with an account; you, if nobody is chosen."),
    )

    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["role"].queryset = Role.objects.filter(  # type: ignore[attr-defined]
            archived_at__isnull=True, **_group_key(group)
        ).order_by("name")
        members = Membership.objects.filter(ended_at__isnull=True, **_group_key(group)).values(
            "person__user_id"
        )
        self.fields["facilitator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members, is_active=True
        ).order_by("last_name", "first_name")

    def to_data(self) -> ElectionData:
        data = self.cleaned_data
        return ElectionData(
            role=data["role"],
            term_end=data["term_end"],
            facilitator=data["facilitator"],
            visibility=data["visibility"],
            mode=data["mode"],
            qualifications=data["qualifications"],
        )


class NominationForm(forms.Form):
    nominee = PersonChoiceField(label=_("Whom you name"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("Why this person"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = _members(voices)  # type: ignore[attr-defined]


class RecordNominationForm(NominationForm):
    """A nomination said in the room, recorded by the facilitator (prefixed: it shares the page
    with the facilitator's own nomination form)."""

    prefix = "record"
    person = PersonChoiceField(label=_("Who named"), queryset=Person.objects.none())

    field_order = ["person", "nominee", "reason"]

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, voices=voices, **kwargs)
        self.fields["person"].queryset = _speakers(voices)  # type: ignore[attr-defined]
        self.fields["nominee"].label = _("Whom they named")


class ProposeForm(forms.Form):
    prefix = "propose"
    person = PersonChoiceField(label=_("Person proposed"), queryset=Person.objects.none())
    reason = forms.CharField(
        label=_("Why this person (most named, or best argued)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _members(voices)  # type: ignore[attr-defined]


class PeopleField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class CirclesField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class AdviceProcessForm(forms.Form):
    """A proposal on which its author, the decision-maker, asks people and circles for advice."""

    title = forms.CharField(label=_("Title"), max_length=255)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    rationale = forms.CharField(
        label=_("Why this proposal"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    people = PeopleField(
        label=_("People asked for advice"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Those the decision affects, and those who know the matter."),
    )
    circles = CirclesField(
        label=_("Circles asked for advice"),
        queryset=Circle.objects.none(),
        required=False,
        help_text=_("Each of their members is asked."),
    )
    deadline = datetime_field(_("Advice wanted by"), required=True)
    visibility = forms.ChoiceField(
        label=_("Visibility of the decision"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["people"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            user__is_active=True
        ).order_by("last_name", "first_name")
        self.fields["circles"].queryset = Circle.objects.filter(  # type: ignore[attr-defined]
            archived_at__isnull=True
        ).order_by("name")

    def to_data(self) -> AdviceData:
        data = self.cleaned_data
        return AdviceData(
            title=data["title"],
            proposal=data["proposal"],
            rationale=data["rationale"],
            deadline=data["deadline"],
            people=list(data["people"]),
            circles=list(data["circles"]),
            visibility=data["visibility"],
            circle=self.group if isinstance(self.group, Circle) else None,
            workstream=self.group if isinstance(self.group, Workstream) else None,
        )


class AdviceForm(forms.Form):
    text = forms.CharField(label=_("Your advice"), widget=forms.Textarea(attrs={"rows": 5}))


class RecordAdviceForm(AdviceForm):
    prefix = "record"
    person = PersonChoiceField(label=_("Who gave it"), queryset=Person.objects.none())

    field_order = ["person", "text"]

    def __init__(self, *args: Any, asked: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in asked]
        ).order_by("last_name", "first_name")
        self.fields["text"].label = _("Their advice")


class DecideForm(forms.Form):
    prefix = "decide"
    decision = forms.CharField(label=_("The decision"), widget=forms.Textarea(attrs={"rows": 6}))
    weighing = forms.CharField(
        label=_("How the advice was weighed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you took from each piece of advice, and what you set aside and why."),
    )
