"""The analysis's forms: the screening checklist, reviewers to assign, a declared conflict of
interest, a review on the call's grid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import ModelChoiceField, ModelMultipleChoiceField
from maillage.core.models import User
from maillage.funding.models import Criterion, Envelope, Review, Score
from maillage.funding.selectors.reviews import Check

ELIGIBLE, INELIGIBLE, MORE_INFORMATION = "eligible", "ineligible", "more_information"


class ScreeningForm(forms.Form):
    """Each condition of the call checked (proposed from the application as it stands), a
    reason for each one not met, the envelope, and the outcome."""

    outcome = forms.ChoiceField(
        label=_("Outcome of the screening"),
        choices=[
            (ELIGIBLE, _("Eligible: send it to the review committee")),
            (INELIGIBLE, _("Not eligible: tell the applicant why")),
            (MORE_INFORMATION, _("Ask the applicant for more information")),
        ],
        widget=forms.RadioSelect,
    )
    envelope = ModelChoiceField(
        label=_("Envelope it would draw on"),
        queryset=Envelope.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with a refusal or a request for more information."),
    )

    def __init__(
        self, *args: Any, checks: list[Check], envelopes: list[Envelope], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.check_list = checks
        self.fields["envelope"].queryset = Envelope.objects.filter(  # type: ignore[attr-defined]
            pk__in=[e.pk for e in envelopes]
        ).select_related("territory", "stream")
        if len(envelopes) == 1 and not self.is_bound:
            self.initial.setdefault("envelope", envelopes[0].pk)
        fields: dict[str, forms.Field] = {}
        for check in checks:
            fields[f"ok_{check.key}"] = forms.BooleanField(
                label=check.label, required=False, initial=check.ok
            )
            fields[f"reason_{check.key}"] = forms.CharField(
                label=_("If not met, why: %(check)s") % {"check": check.label},
                required=False,
                max_length=500,
                initial=check.reason,
            )
        # The checklist first, then the outcome.
        self.fields = {**fields, **self.fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for check in self.check_list:
            if not data.get(f"ok_{check.key}") and not (data.get(f"reason_{check.key}") or ""):
                self.add_error(f"reason_{check.key}", _("Say why this condition is not met."))
        return data

    def checks(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "key": c.key,
                "label": c.label,
                "ok": bool(data.get(f"ok_{c.key}")),
                "reason": "" if data.get(f"ok_{c.key}") else data.get(f"reason_{c.key}", ""),
            }
            for c in self.check_list
        ]

    def eligible(self) -> bool | None:
        outcome = self.cleaned_data["outcome"]
        return None if outcome == MORE_INFORMATION else outcome == ELIGIBLE


class ReviewerChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        person = getattr(obj, "person", None)
        return str(person) if person is not None else obj.get_full_name() or obj.email


class AssignForm(forms.Form):
    reviewers = ReviewerChoice(
        label=_("Members of the review committee"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = members  # type: ignore[attr-defined]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("What ties you to the project"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "From then on you no longer see its reviews nor its discussion, and your score "
            "counts nowhere."
        ),
    )


SAVE, SUBMIT = "save", "submit"


class ReviewForm(forms.Form):
    """A score and a comment per criterion of the grid, and an overall comment."""

    comment = forms.CharField(
        label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        review: Review | None,
        scores: dict[int, Score],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields: dict[str, forms.Field] = {}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s: score from 0 to %(max)s")
                % {"criterion": criterion.title, "max": criterion.scale_max},
                min_value=0,
                max_value=criterion.scale_max,
                required=False,
                initial=score.value if score else None,
                help_text=_("Weight: %(weight)s") % {"weight": criterion.weight},
            )
            fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        if review is not None:
            self.fields["comment"].initial = review.comment
        self.fields = {**fields, **self.fields}

    def groups(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        """Each criterion with its score and comment fields, for the page's fieldsets."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "scores": {c.pk: data.get(f"score_{c.pk}") for c in self.criteria},
            "comments": {c.pk: data.get(f"comment_{c.pk}", "") for c in self.criteria},
            "comment": data.get("comment", ""),
        }
