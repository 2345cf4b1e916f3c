"""The forms of questionnaires: building one and its questions, and answering it (one field per
question, named `q<pk>`, as the answer services name their errors)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.participation.models import Channel, Question, QuestionKind
from maillage.participation.services.questionnaire_answers import TEXT_MAX, field_name

REQUIRED = {"required": _("This question needs an answer.")}
INVALID_CHOICE = {"invalid_choice": _("Choose among the answers offered.")}


class QuestionnaireForm(EditForm):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    intro_fr = forms.CharField(
        label=_("Introduction (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say in a few short sentences why you ask and how long it takes."),
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous answers"),
        required=False,
        help_text=_(
            "Answers keep no link to the person who gave them. Each person still answers once."
        ),
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionForm(EditForm):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    label_fr = forms.CharField(label=_("Question (French)"), max_length=300)
    label_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    help_fr = forms.CharField(label=_("Help (French)"), max_length=300, required=False)
    help_en = forms.CharField(label=_("Help (English)"), max_length=300, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices_fr = forms.CharField(
        label=_("Choices (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For a single or multiple choice and a ranking: one choice per line."),
    )
    choices_en = forms.CharField(
        label=_("Choices (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional: the same choices, in the same order."),
    )
    scale_min = forms.IntegerField(
        label=_("Scale: lowest value"), initial=1, min_value=-10, max_value=10, required=False
    )
    scale_max = forms.IntegerField(
        label=_("Scale: highest value"), initial=5, min_value=-10, max_value=10, required=False
    )
    scale_min_label = forms.CharField(
        label=_("Scale: words at the lowest value"),
        max_length=60,
        required=False,
        help_text=_("For example: “Not at all”."),
    )
    scale_max_label = forms.CharField(
        label=_("Scale: words at the highest value"),
        max_length=60,
        required=False,
        help_text=_("For example: “Very much”."),
    )

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments."""
        data = dict(self.cleaned_data)
        data["choices_fr"] = _lines(data["choices_fr"])
        data["choices_en"] = _lines(data["choices_en"])
        return {name: value for name, value in data.items() if value is not None}

    @staticmethod
    def initial_of(question: Question) -> dict[str, Any]:
        names = [n for n in QuestionForm.base_fields if not n.startswith("choices")]
        initial = {name: getattr(question, name) for name in names}
        choices = list(question.choices.all())
        initial["choices_fr"] = "\n".join(c.label_fr for c in choices)
        initial["choices_en"] = "\n".join(c.label_en for c in choices if c.label_en)
        return initial


class RankingWidget(forms.MultiWidget):
    """One list of places per choice, each labelled by its choice: works without JavaScript."""

    template_name = "participation/questionnaire_ranking_widget.html"

    def __init__(self, labels: Sequence[str]) -> None:
        places = [("", "—")] + [(str(i), str(i)) for i in range(1, len(labels) + 1)]
        self.labels = list(labels)
        super().__init__([forms.Select(choices=places) for _label in labels])

    def decompress(self, value: Any) -> list[Any]:
        return [None] * len(self.labels)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["rows"] = list(zip(context["widget"]["subwidgets"], self.labels, strict=True))
        return context


class RankingField(forms.MultiValueField):
    """The choices' keys in the order given; every choice a place of its own."""

    def __init__(self, question: Question, **kwargs: Any) -> None:
        self.keys = [choice.pk for choice in question.choices.all()]
        count = len(self.keys)
        places = [(str(i), str(i)) for i in range(1, count + 1)]
        super().__init__(
            fields=[forms.ChoiceField(choices=places, required=False) for _key in self.keys],
            widget=RankingWidget([choice.label for choice in question.choices.all()]),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[Any]) -> list[int]:
        ranks = [int(rank) if rank else None for rank in data_list or []]
        if not any(ranks):
            return []
        if None in ranks or len(set(ranks)) != len(ranks):
            raise ValidationError(
                _("Give each choice its own place, from 1 to %(count)d."),
                params={"count": len(self.keys)},
            )
        return [key for _rank, key in sorted(zip(ranks, self.keys, strict=True))]


def _scale_choices(question: Question) -> list[tuple[str, str]]:
    choices = []
    for value in range(question.scale_min, question.scale_max + 1):
        words = ""
        if value == question.scale_min and question.scale_min_label:
            words = f" — {question.scale_min_label}"
        if value == question.scale_max and question.scale_max_label:
            words = f" — {question.scale_max_label}"
        choices.append((str(value), f"{value}{words}"))
    return choices


def answer_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help,
        "required": question.required,
        "error_messages": {**REQUIRED, **INVALID_CHOICE},
    }
    choices = [(str(c.pk), c.label) for c in question.choices.all()]
    match question.kind:
        case QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=TEXT_MAX[QuestionKind.SHORT_TEXT], **common)
        case QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=TEXT_MAX[QuestionKind.LONG_TEXT],
                widget=forms.Textarea(attrs={"rows": 5}),
                **common,
            )
        case QuestionKind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        case QuestionKind.SCALE:
            return forms.ChoiceField(
                choices=_scale_choices(question), widget=forms.RadioSelect, **common
            )
        case _:
            common["help_text"] = question.help or _(
                "Give each choice its own place: 1 for your first choice."
            )
            return RankingField(question, **common)


class AnswerForm(forms.Form):
    """One field per question of `questions` (their choices prefetched)."""

    def __init__(self, data: Any = None, *, questions: Sequence[Question]) -> None:
        super().__init__(data)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = answer_field(question)

    def answers(self) -> dict[int, Any]:
        """The service's `answers`: `{question pk: value}`."""
        found: dict[int, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if question.kind == QuestionKind.SCALE or question.kind == QuestionKind.SINGLE:
                value = int(value) if value else None
            elif question.kind == QuestionKind.MULTIPLE:
                value = [int(v) for v in value or []]
            found[question.pk] = value
        return found

    def question_fields(self) -> list[tuple[Question, forms.BoundField]]:
        return [(question, self[field_name(question)]) for question in self.questions]


IN_PERSON = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class RecordForm(AnswerForm):
    """A paper form's answers, with where they were gathered and the consent given."""

    def __init__(self, data: Any = None, *, questions: Sequence[Question]) -> None:
        super().__init__(data, questions=questions)
        self.fields["channel"] = forms.ChoiceField(
            label=_("Where were these answers gathered?"), choices=IN_PERSON
        )
        self.fields["consent"] = forms.CharField(
            label=_("Consent given"),
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("How the person agreed that their answers be recorded."),
        )
