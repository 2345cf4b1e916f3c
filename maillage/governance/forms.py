"""Forms of the governance pages: they parse input; services validate and write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.governance import selectors, workflows
from maillage.governance.models import (
    Circle,
    CircleMode,
    InvitationKind,
    MembershipKind,
    PolicyStatus,
    Role,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.services import (
    DEFAULT_INVITATION_DAYS,
    CircleData,
    DeliverableData,
    PolicyData,
    RoleData,
    WorkstreamData,
)
from maillage.network import selectors as network_selectors
from maillage.network.forms import (
    DateInput,
    PeopleChoiceField,
    PersonChoiceField,
    apply_errors,
    territory_choices,
)
from maillage.network.models import Person, Seat, Sector
from maillage.territories.models import Level, Territory, TerritoryType

__all__ = ["apply_errors"]

ONE_PER_LINE = _("One per line.")


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NamedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SeatChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organization.name} — {obj.holder}"


def _people() -> Any:
    return Person.objects.order_by("last_name", "first_name")


def _open_seats() -> Any:
    today = timezone.localdate()
    return (
        Seat.objects.filter(start_date__lte=today)
        .exclude(end_date__lt=today)
        .select_related("organization", "holder")
        .order_by("organization__name", "holder__last_name")
    )


def _territory_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )


def _levels_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Levels (paliers)"),
        required=False,
        choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )


def _strategies_field() -> NamedMultipleChoiceField:
    return NamedMultipleChoiceField(
        label=_("Strategies"),
        required=False,
        queryset=Strategy.objects.order_by("position", "name_fr"),
        widget=forms.CheckboxSelectMultiple,
    )


class _TerritoriesMixin:
    """Territories chosen by slug among the territories below Québec, grouped by MRC."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def _setup_territories(self) -> None:
        self.territory_list = list(
            Territory.objects.exclude(type=TerritoryType.PROVINCE).only(
                "pk", "name", "slug", "type", "parent_id"
            )
        )
        self.territory_list.sort(key=lambda t: t.name)
        field = self.fields["territories"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = territory_choices(self.territory_list, whole=False)

    def chosen_territories(self) -> list[Territory]:
        slugs = set(self.cleaned_data.get("territories") or [])
        return [t for t in self.territory_list if t.slug in slugs]


def _check_dates(form: forms.Form, start: str, end: str, message: Any) -> None:
    first: date | None = form.cleaned_data.get(start)
    last: date | None = form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, message)


# The map


class MapFilterForm(forms.Form):
    """The map's filters, read from the query string. Unknown values are ignored."""

    territory = forms.ChoiceField(label=_("Territory"), required=False)
    sector = forms.ChoiceField(label=_("Sector of the members' organizations"), required=False)
    strategy = forms.ChoiceField(label=_("Strategy"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = {s.key: s for s in Sector.objects.order_by("position", "name_fr")}
        self.strategies = {s.key: s for s in selectors.strategies()}
        self.territories = network_selectors.filter_territories()
        self._choices(
            "territory",
            _("All territories"),
            territory_choices(self.territories, whole=True),
        )
        self._choices("sector", _("All sectors"), [(k, s.name) for k, s in self.sectors.items()])
        self._choices(
            "strategy", _("All strategies"), [(k, s.name) for k, s in self.strategies.items()]
        )

    def _choices(self, name: str, everything: Any, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", everything), *choices]

    def filters(self) -> selectors.MapFilters:
        if not self.is_bound:
            return selectors.MapFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        slug = data.get("territory") or ""
        return selectors.MapFilters(
            territory=next((t for t in self.territories if t.slug == slug), None),
            sector=self.sectors.get(data.get("sector") or ""),
            strategy=self.strategies.get(data.get("strategy") or ""),
        )


class WorkstreamFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *workflows.WORKSTREAM.choices],
    )
    past_sunset = forms.BooleanField(label=_("Only those past their sunset date"), required=False)

    def values(self) -> tuple[str, bool]:
        if not self.is_bound or not self.is_valid():
            return "", False
        return self.cleaned_data["status"] or "", bool(self.cleaned_data["past_sunset"])


# Circles


class CircleForm(_TerritoriesMixin, forms.Form):
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
        label=_("Mode"),
        choices=CircleMode.choices,
        initial=CircleMode.CONSENT,
        widget=forms.RadioSelect,
        help_text=_("In an open circle, partner members may join by themselves."),
    )
    domains = forms.CharField(
        label=_("Domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ONE_PER_LINE,
    )
    accountabilities = forms.CharField(
        label=_("Accountabilities (redevabilités)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=ONE_PER_LINE,
    )
    territories = _territory_field(_("Territories concerned"))
    levels = _levels_field()
    strategies = _strategies_field()

    def __init__(
        self, *args: Any, circle: Circle | None = None, parent: Circle | None = None, **kwargs: Any
    ) -> None:
        if circle is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": circle.name,
                "purpose": circle.purpose,
                "parent": circle.parent_id,
                "mode": circle.mode,
                "domains": "\n".join(circle.domains),
                "accountabilities": "\n".join(a.text for a in circle.accountabilities.all()),
                "territories": [t.slug for t in circle.territories.all()],
                "levels": list(circle.levels),
                "strategies": [s.pk for s in circle.strategies.all()],
            }
        elif parent is not None:
            kwargs.setdefault("initial", {})["parent"] = parent.pk
        super().__init__(*args, **kwargs)
        self._setup_territories()
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
        return CircleData(
            name=data["name"],
            purpose=data["purpose"],
            parent=data.get("parent"),
            mode=data["mode"],
            domains=lines(data["domains"]),
            accountabilities=lines(data["accountabilities"]),
            territories=self.chosen_territories(),
            levels=list(data["levels"]),
            strategies=list(data["strategies"]),
        )


class AccountabilityForm(forms.Form):
    text = forms.CharField(
        label=_("Accountability"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: “Keep the regional work plan up to date”."),
    )


# Workstreams


class WorkstreamForm(_TerritoriesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    mandate = forms.CharField(
        label=_("Mandate"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    sponsors = NamedMultipleChoiceField(
        label=_("Sponsoring circles"),
        queryset=Circle.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sponsoring circle.")},
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    sunset_date = forms.DateField(
        label=_("Sunset date"),
        required=False,
        widget=DateInput(),
        help_text=_("When the mandate ends unless it is renewed."),
    )
    deliverables = forms.CharField(
        label=_("Expected deliverables"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ONE_PER_LINE,
    )
    territories = _territory_field(_("Territories concerned"))
    levels = _levels_field()
    strategies = _strategies_field()

    def __init__(
        self,
        *args: Any,
        workstream: Workstream | None = None,
        sponsor: Circle | None = None,
        can_change_sponsors: bool = True,
        **kwargs: Any,
    ) -> None:
        if workstream is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": workstream.name,
                "mandate": workstream.mandate,
                "sponsors": [c.pk for c in workstream.sponsors.all()],
                "start_date": workstream.start_date,
                "sunset_date": workstream.sunset_date,
                "territories": [t.slug for t in workstream.territories.all()],
                "levels": list(workstream.levels),
                "strategies": [s.pk for s in workstream.strategies.all()],
            }
        elif sponsor is not None:
            kwargs.setdefault("initial", {})["sponsors"] = [sponsor.pk]
        super().__init__(*args, **kwargs)
        self._setup_territories()
        field = self.fields["sponsors"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Circle.objects.filter(archived_at__isnull=True).order_by("name")
        if workstream is not None:
            del self.fields["deliverables"]
            if not can_change_sponsors:
                field.disabled = True
                field.help_text = _("Only coordination staff may change the sponsoring circles.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(
            self, "start_date", "sunset_date", _("The sunset date comes after the start date.")
        )
        return data

    def to_data(self) -> WorkstreamData:
        data = self.cleaned_data
        return WorkstreamData(
            name=data["name"],
            mandate=data["mandate"],
            sponsors=list(data["sponsors"]),
            start_date=data["start_date"],
            sunset_date=data["sunset_date"],
            territories=self.chosen_territories(),
            levels=list(data["levels"]),
            strategies=list(data["strategies"]),
            deliverables=[DeliverableData(title=t) for t in lines(data.get("deliverables", ""))],
        )


class TransitionForm(forms.Form):
    transition = forms.ChoiceField(
        label=_("Change the status"),
        choices=[(t.key, t.label) for t in workflows.WORKSTREAM.transitions],
    )


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def to_data(self) -> DeliverableData:
        return DeliverableData(
            title=self.cleaned_data["title"], due_date=self.cleaned_data["due_date"]
        )


# Roles


POLICY_DEFAULT, POLICY_YES, POLICY_NO = "", "yes", "no"


class RoleForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a built-in role to use its usual name."),
    )
    kind = forms.ChoiceField(label=_("Kind of role"), choices=RoleKind.choices)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accountabilities = forms.CharField(
        label=_("Accountabilities (redevabilités)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=ONE_PER_LINE,
    )
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
                "name": role.name,
                "kind": role.kind,
                "purpose": role.purpose,
                "accountabilities": "\n".join(a.text for a in role.accountabilities.all()),
                "elected": role.elected,
                "term_months": role.term_months,
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
        return RoleData(
            name=data["name"],
            kind=data["kind"],
            purpose=data["purpose"],
            accountabilities=lines(data["accountabilities"]),
            elected=bool(data["elected"]),
            term_months=data["term_months"] if data["elected"] else None,
            may_amend_policies=None if choice == POLICY_DEFAULT else choice == POLICY_YES,
        )


class AssignForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    seat = SeatChoiceField(
        label=_("On behalf of (seat)"),
        required=False,
        queryset=Seat.objects.none(),
        empty_label=_("In their own name"),
        help_text=_(
            "The seat through which the person sits for an organization. Its substitutes become "
            "the role's substitutes unless you choose others."
        ),
    )
    substitutes = PeopleChoiceField(
        label=_("Substitutes"),
        required=False,
        queryset=Person.objects.none(),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    term_end = forms.DateField(
        label=_("Term end"),
        required=False,
        widget=DateInput(),
        help_text=_("For an elected role, the term length after the start unless you say."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        for name in ("person", "substitutes"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            field.queryset = _people()
        seat = self.fields["seat"]
        assert isinstance(seat, forms.ModelChoiceField)
        seat.queryset = _open_seats()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_dates(self, "start_date", "term_end", _("A term cannot end before it starts."))
        return data


class AssignmentForm(forms.Form):
    substitutes = PeopleChoiceField(
        label=_("Substitutes"),
        required=False,
        queryset=Person.objects.none(),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    term_end = forms.DateField(label=_("Term end"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["substitutes"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = _people()


# Members


class MemberForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(
        label=_("As"),
        choices=MembershipKind.choices,
        initial=MembershipKind.MEMBER,
        widget=forms.RadioSelect,
    )
    seat = SeatChoiceField(
        label=_("On behalf of (seat)"),
        required=False,
        queryset=Seat.objects.none(),
        empty_label=_("In their own name"),
        help_text=_("The seat (or the substituted seat) through which the person sits."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, in_workstream: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = _people()
        seat = self.fields["seat"]
        assert isinstance(seat, forms.ModelChoiceField)
        seat.queryset = _open_seats()
        if not in_workstream:
            del self.fields["kind"]


class EndMembershipForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=255,
        required=False,
        help_text=_("Kept with the membership's history."),
    )


# Policies


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=DateInput(),
        help_text=_("Today unless you say otherwise."),
    )
    review_date = forms.DateField(
        label=_("Review date"),
        required=False,
        widget=DateInput(),
        help_text=_("It appears on the governance calendar; a reminder goes out beforehand."),
    )
    note = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        help_text=_("Kept with the new version."),
    )

    def __init__(self, *args: Any, amend: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["adopted_on" if amend else "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "adopted_on" in self.fields:
            adopted = data.get("adopted_on") or timezone.localdate()
            review = data.get("review_date")
            if review and review < adopted:
                self.add_error(
                    "review_date", _("A policy cannot be reviewed before it is adopted.")
                )
        return data

    def to_data(self) -> PolicyData:
        data = self.cleaned_data
        return PolicyData(
            title=data["title"],
            text=data["text"],
            review_date=data["review_date"],
            adopted_on=data.get("adopted_on"),
        )


class PolicyStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PolicyStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Retiring a policy is final."),
    )
    review_date = forms.DateField(
        label=_("Next review date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to keep the current one."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


# Invitations


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
