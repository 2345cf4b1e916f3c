"""A proposal with the structural change it may carry, its amendment, a step of its process."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField, date_field
from maillage.core.models import User
from maillage.decisions.forms._common import (
    FacilitatorField,
    datetime_field,
)
from maillage.decisions.models import (
    ProcessMode,
    Visibility,
)
from maillage.decisions.services import ProcessData
from maillage.governance.changes import change_validate
from maillage.governance.models import (
    Circle,
    Membership,
    Policy,
    PolicyStatus,
    Role,
    Workstream,
)

# The structural changes a proposal may carry, by governance action (`governance.changes`); each
# one is a set of this form's fields turned into the action's parameters. Creating a circle and
# adopting or amending a policy belong to a circle (its sub-circle, its policies).
CHANGE_KINDS = (
    ("", _("None")),
    ("workstream.create", _("Create a workstream")),
    ("circle.create", _("Create a sub-circle")),
    ("role.amend", _("Amend a role")),
    ("policy.adopt", _("Adopt a policy")),
    ("policy.amend", _("Amend a policy")),
)
CIRCLE_ONLY = frozenset({"circle.create", "policy.adopt", "policy.amend"})
# For each action, a parameter and the field where its error is shown (else at `change`).
CHANGE_FIELDS: dict[str, dict[str, str]] = {
    "workstream.create": {
        "name": "workstream_name",
        "mandate": "workstream_mandate",
        "sunset_date": "workstream_sunset_date",
    },
    "circle.create": {"name": "circle_name", "purpose": "circle_purpose"},
    "role.amend": {
        "role": "role",
        "name": "role_name",
        "purpose": "role_purpose",
        "accountabilities": "role_accountabilities",
    },
    "policy.adopt": {
        "title": "policy_title",
        "text": "policy_text",
        "review_date": "policy_review",
    },
    "policy.amend": {
        "policy": "policy",
        "title": "policy_title",
        "text": "policy_text",
        "review_date": "policy_review",
    },
}
# The fields an action cannot do without (the governance services refuse them blank).
CHANGE_REQUIRED = {
    "workstream.create": ("workstream_name",),
    "circle.create": ("circle_name",),
    "role.amend": ("role",),
    "policy.adopt": ("policy_title", "policy_text"),
    "policy.amend": ("policy",),
}


class RoleField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PolicyField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProcessForm(forms.Form):
    """A proposal put to a circle or a workstream, and the structural change it may carry."""

    title = forms.CharField(label=_("Title"), max_length=255)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    rationale = forms.CharField(
        label=_("Why this proposal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    mode = forms.ChoiceField(
        label=_("How the decision is taken"),
        choices=ProcessMode.choices,
        initial=ProcessMode.ASYNC,
        widget=forms.RadioSelect,
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the decision"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_("A public decision is readable by anyone in the register."),
    )
    facilitator = FacilitatorField(
        label=_("Facilitator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of the group with an account; you, if nobody is chosen."),
    )
    review_date = date_field(_("Review date"))
    change = forms.ChoiceField(
        label=_("Structural change carried by the proposal"),
        choices=CHANGE_KINDS,
        required=False,
        help_text=_("Applied once the proposal is consented."),
    )
    workstream_name = forms.CharField(label=_("Name of the new workstream"), required=False)
    workstream_mandate = forms.CharField(
        label=_("Its mandate"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    workstream_sunset_date = date_field(_("Its sunset date"))
    circle_name = forms.CharField(label=_("Name of the new sub-circle"), required=False)
    circle_purpose = forms.CharField(
        label=_("Its purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    role = RoleField(label=_("Role to amend"), required=False, queryset=Role.objects.none())
    role_name = forms.CharField(
        label=_("Its new name"), required=False, help_text=_("Empty: the name stays.")
    )
    role_purpose = forms.CharField(
        label=_("Its new purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Empty: the purpose stays."),
    )
    role_accountabilities = forms.CharField(
        label=_("Its accountabilities, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They replace the current ones; empty: they stay."),
    )
    policy = PolicyField(label=_("Policy to amend"), required=False, queryset=Policy.objects.none())
    policy_title = forms.CharField(
        label=_("Title of the policy"),
        required=False,
        help_text=_("To amend a policy, empty fields stay as they are."),
    )
    policy_text = forms.CharField(
        label=_("Text of the policy"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    policy_review = date_field(_("Review date of the policy"))

    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        key = "circle" if isinstance(group, Circle) else "workstream"
        members = Membership.objects.filter(ended_at__isnull=True, **{key: group}).values(
            "person__user_id"
        )
        self.fields["facilitator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members, is_active=True
        ).order_by("last_name", "first_name")
        in_circle = isinstance(group, Circle)
        change = self.fields["change"]
        assert isinstance(change, forms.ChoiceField)
        change.choices = [c for c in CHANGE_KINDS if in_circle or c[0] not in CIRCLE_ONLY]
        self.fields["role"].queryset = Role.objects.filter(  # type: ignore[attr-defined]
            archived_at__isnull=True, **{key: group}
        ).order_by("name")
        if isinstance(group, Circle):
            policy = self.fields["policy"]
            assert isinstance(policy, forms.ModelChoiceField)
            policy.queryset = (
                Policy.objects.filter(circle=group)
                .exclude(status=PolicyStatus.RETIRED)
                .order_by("title")
            )
        else:
            for name in ("circle_name", "circle_purpose", "policy", "policy_title"):
                del self.fields[name]
            del self.fields["policy_text"], self.fields["policy_review"]

    def _sponsors(self) -> list[str]:
        if isinstance(self.group, Circle):
            return [self.group.slug]
        return list(self.group.sponsors.order_by("pk").values_list("slug", flat=True))

    def _params(self, action: str) -> dict[str, Any]:
        """The parameters of `action` from what was typed (a field left empty is not given)."""
        data = self.cleaned_data
        params: dict[str, Any] = {}

        def give(param: str, value: Any) -> None:
            if value not in (None, "", []):
                params[param] = value.isoformat() if hasattr(value, "isoformat") else value

        fields = CHANGE_FIELDS[action]
        if action == "workstream.create":
            params["sponsors"] = self._sponsors()
        elif action == "circle.create":
            params["parent"] = self.group.slug
        elif action == "policy.adopt":
            params["circle"] = self.group.slug
        for param, name in fields.items():
            value = data.get(name)
            if param in ("role", "policy"):
                give(param, value.pk if value is not None else None)
            elif param == "accountabilities":
                give(param, _lines(value or ""))
            else:
                give(param, value.strip() if isinstance(value, str) else value)
        return params

    def changes(self) -> list[dict[str, Any]]:
        action = self.cleaned_data.get("change") or ""
        if action not in CHANGE_FIELDS:
            return []
        return [{"action": action, "params": self._params(action)}]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        action = data.get("change") or ""
        for name in CHANGE_REQUIRED.get(action, ()):
            if data.get(name) in (None, ""):
                self.add_error(name, _("Required for this change."))
        if self.errors:
            return data
        for change in self.changes():
            try:
                change_validate(change)
            except ValidationError as error:
                fields = CHANGE_FIELDS.get(action, {})
                for param, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(fields.get(param, "change"), message)
        return data

    def to_data(self) -> ProcessData:
        data = self.cleaned_data
        return ProcessData(
            title=data["title"],
            proposal=data["proposal"],
            rationale=data["rationale"],
            mode=data["mode"],
            visibility=data["visibility"],
            facilitator=data["facilitator"],
            review_date=data["review_date"],
            circle=self.group if isinstance(self.group, Circle) else None,
            workstream=self.group if isinstance(self.group, Workstream) else None,
            changes=self.changes(),
        )


class AmendForm(EditForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 10}))
    note = forms.CharField(
        label=_("What changed, and why"),
        required=False,
        max_length=500,
        help_text=_("For instance, how an objection was integrated."),
    )


class TransitionForm(forms.Form):
    """A step of the process, fired by its button; opening an asynchronous consent round
    takes its deadline."""

    transition = forms.CharField(widget=forms.HiddenInput)
    deadline = datetime_field(
        _("Deadline of the consent round"),
        help_text=_("At this time the round closes itself."),
    )
