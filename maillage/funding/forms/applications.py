"""Applications: starting one, the form written over several sittings (its sections, budget and
other sources of funding), documents, comments, staff's moves, and the applications table's
filters and batch actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.core.forms import EditForm
from maillage.core.formtools import (
    CheckboxPicker,
    FilterForm,
    ModelChoiceField,
    ModelMultipleChoiceField,
    date_field,
)
from maillage.core.models import User
from maillage.core.uploads import extensions
from maillage.funding import workflows
from maillage.funding.forms._common import money_field
from maillage.funding.models import (
    Application,
    Call,
    ExpenseCategory,
    RequiredAttachment,
    SourceStatus,
    Stream,
)
from maillage.funding.selectors.applications import ORDERS, Filters
from maillage.governance.models import Strategy
from maillage.network.models import Organization
from maillage.territories.models import Territory, TerritoryType


def territory_choices() -> QuerySet[Territory]:
    """The territories a project may serve: the regions and their MRCs."""
    return Territory.objects.filter(type__in=[TerritoryType.REGION, TerritoryType.MRC]).order_by(
        "type", "name"
    )


class StartForm(forms.Form):
    organization = ModelChoiceField(
        label=_("Applying organization"), queryset=Organization.objects.none()
    )
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, ModelChoiceField)
        field.queryset = organizations


class ApplicationForm(EditForm):
    """The application's own fields, then one text per section of its call (`section_<key>`)."""

    title = forms.CharField(label=_("Project title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    amount_requested = money_field(_("Amount requested ($)"), required=False)
    start_date = date_field(_("Project start"))
    end_date = date_field(_("Project end"))
    territories = ModelMultipleChoiceField(
        label=_("Territories served"),
        queryset=Territory.objects.none(),
        required=False,
        widget=CheckboxPicker,
    )
    populations = forms.CharField(
        label=_("Populations served"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    strategies = ModelMultipleChoiceField(
        label=_("Strategies"),
        queryset=Strategy.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_applicants = ModelMultipleChoiceField(
        label=_("Co-applicant organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=CheckboxPicker,
    )

    def __init__(self, *args: Any, application: Application, sections: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.application = application
        territories = self.fields["territories"]
        assert isinstance(territories, ModelMultipleChoiceField)
        territories.queryset = territory_choices()
        co_applicants = self.fields["co_applicants"]
        assert isinstance(co_applicants, ModelMultipleChoiceField)
        co_applicants.queryset = Organization.objects.exclude(
            pk=application.organization_id
        ).order_by("name")
        for section in sections:
            help_text = section.help_text
            if section.max_words:
                help_text = f"{help_text} " + str(
                    _("At most %(words)s words.") % {"words": section.max_words}
                )
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.title,
                required=False,
                help_text=help_text.strip(),
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("section_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section_")
        }


def application_initial(application: Application) -> dict[str, Any]:
    answers = application.answers or {}
    initial: dict[str, Any] = {
        "title": application.title,
        "summary": application.summary,
        "amount_requested": application.amount_requested,
        "start_date": application.start_date,
        "end_date": application.end_date,
        "populations": application.populations,
        "territories": list(application.territories.all()),
        "strategies": list(application.strategies.all()),
        "co_applicants": list(application.co_applicants.all()),
    }
    initial |= {f"section_{key}": value for key, value in answers.items()}
    return initial


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *ExpenseCategory.choices], required=False
    )
    description = forms.CharField(label=_("Description"), max_length=255, required=False)
    amount = money_field(_("Amount ($)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get("category"), data.get("description"), data.get("amount")]
        if any(v not in (None, "") for v in filled):
            if not data.get("category"):
                self.add_error("category", _("Choose the category of this expense."))
            if not data.get("description"):
                self.add_error("description", _("Describe this expense."))
            if data.get("amount") is None:
                self.add_error("amount", _("Give the amount of this expense."))
        return data


class OtherFundingForm(forms.Form):
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    amount = money_field(_("Amount ($)"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *SourceStatus.choices], required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get("source"), data.get("amount"), data.get("status")]
        if any(v not in (None, "") for v in filled):
            if not data.get("source"):
                self.add_error("source", _("Name the source of this funding."))
            if data.get("amount") is None:
                self.add_error("amount", _("Give the amount of this funding."))
            if not data.get("status"):
                self.add_error("status", _("Say whether this funding is confirmed or requested."))
        return data


# Three empty rows after the saved ones: more appear once those are saved.
BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=200, absolute_max=200)
OtherFundingFormSet = forms.formset_factory(OtherFundingForm, extra=2, max_num=50, absolute_max=50)


def filled_rows(formset: forms.BaseFormSet[Any]) -> list[dict[str, Any]]:
    """The rows of a valid formset that say something (empty rows are left out)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and any(v not in (None, "") for v in form.cleaned_data.values())
    ]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    required = ModelChoiceField(
        label=_("Document asked by the call"),
        queryset=RequiredAttachment.objects.none(),
        required=False,
        empty_label=_("Another document"),
    )

    def __init__(self, *args: Any, call: Call, max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required = self.fields["required"]
        assert isinstance(required, ModelChoiceField)
        required.queryset = call.required_attachments.all()
        self.fields["file"].help_text = _("Accepted: %(types)s; at most %(size)s MB.") % {
            "types": ", ".join(f".{e}" for e in extensions() if e not in ("csv", "txt")),
            "size": max_mb,
        }


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    shared = forms.BooleanField(
        label=_("Share with the applicant"),
        required=False,
        help_text=_("Unticked, only coordination staff and the reviewers read it."),
    )


class NoteForm(forms.Form):
    """A note with a staff's move (what more information is asked, why it is withdrawn)."""

    note = forms.CharField(
        label=_("Note to the applicant"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- The applications table ---------------------------------------------------------------


class _ReviewerNames(ModelChoiceIterator):  # type: ignore[type-arg]
    """The reviewer filter's options read as names (one query of four columns): hundreds of
    reviewers at the scale of a province, where building each account costs the page."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list("pk", "first_name", "last_name", "email")
        for pk, first, last, email in rows:
            yield (pk, f"{first} {last}".strip() or email)


class ReviewerFilter(ModelChoiceField):
    iterator = _ReviewerNames


class ApplicationFilterForm(FilterForm):
    call = ModelChoiceField(
        label=_("Call for projects"), queryset=Call.objects.all(), required=False
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    territory = ModelChoiceField(
        label=_("Territory"), queryset=Territory.objects.none(), required=False
    )
    stream = ModelChoiceField(label=_("Stream"), queryset=Stream.objects.all(), required=False)
    strategy = ModelChoiceField(
        label=_("Strategy"), queryset=Strategy.objects.all(), required=False
    )
    reviewer = ReviewerFilter(label=_("Reviewer"), queryset=User.objects.none(), required=False)
    amount_min = money_field(_("Amount from ($)"), required=False)
    amount_max = money_field(_("Amount up to ($)"), required=False)
    order = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args: Any, reviewers: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "state",
            _("Every state"),
            [(s.key, s.label) for s in workflows.APPLICATION.states],
        )
        territory = self.fields["territory"]
        assert isinstance(territory, ModelChoiceField)
        territory.queryset = territory_choices()
        reviewer = self.fields["reviewer"]
        assert isinstance(reviewer, ModelChoiceField)
        reviewer.queryset = reviewers
        for name, everything in (
            ("call", _("Every call")),
            ("territory", _("Every territory")),
            ("stream", _("Every stream")),
            ("strategy", _("Every strategy")),
            ("reviewer", _("Every reviewer")),
        ):
            choice = self.fields[name]
            assert isinstance(choice, ModelChoiceField)
            choice.empty_label = str(everything)
        labels = {
            "reference": _("reference"),
            "title": _("title"),
            "organization": _("organization"),
            "amount": _("amount requested"),
            "state": _("state"),
            "submitted": _("date submitted"),
        }
        order = self.fields["order"]
        assert isinstance(order, forms.ChoiceField)
        order.choices = [
            choice
            for key in ORDERS
            for choice in (
                (key, pgettext_lazy("sort", "%(column)s, ascending") % {"column": labels[key]}),
                (
                    f"-{key}",
                    pgettext_lazy("sort", "%(column)s, descending") % {"column": labels[key]},
                ),
            )
        ]

    def filters(self) -> Filters:
        chosen = self.chosen() or {}
        return Filters(
            call=chosen.get("call"),
            state=chosen.get("state") or "",
            territory=chosen.get("territory"),
            stream=chosen.get("stream"),
            strategy=chosen.get("strategy"),
            reviewer=chosen.get("reviewer"),
            amount_min=chosen.get("amount_min"),
            amount_max=chosen.get("amount_max"),
            order=chosen.get("order") or Filters.order,
        )


class BatchForm(forms.Form):
    """The rows ticked in the table, the batch action chosen, and that action's own fields
    (each `BatchAction` adds its own)."""

    selected = forms.Field(
        label=_("Applications"), required=False, widget=forms.MultipleHiddenInput
    )
    action = forms.ChoiceField(label=_("With the applications ticked"))

    def __init__(self, *args: Any, actions: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [(key, a.label) for key, a in actions.items()]
        for batch in actions.values():
            for name, extra in (batch.fields() if batch.fields else {}).items():
                self.fields[name] = extra

    def clean_selected(self) -> list[int]:
        # Any key may be ticked; the selector keeps only those the staff see.
        values = self.cleaned_data.get("selected") or []
        if not isinstance(values, list):
            values = [values]
        keys = [int(v) for v in values if str(v).isdigit() and len(str(v)) < 12]
        if not keys:
            raise forms.ValidationError(_("Tick at least one application."))
        return keys


def transition_choices() -> list[tuple[str, Any]]:
    """The staff's moves of an application, for the batch action that moves them."""
    return [
        (t.key, t.label) for t in workflows.APPLICATION.transitions if workflows.STAFF in t.allowed
    ]


def step_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Move to"), required=False, choices=[("", "—"), *transition_choices()]
    )
