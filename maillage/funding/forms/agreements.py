"""Agreements: preparing one (dates, conditions, signatories, payment schedule, reports due),
signing it, the payments' and the reports' actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.core.formtools import date_field
from maillage.core.uploads import extensions
from maillage.funding.forms._common import money_field
from maillage.funding.models import ReportKind
from maillage.funding.services.agreements import InstalmentData, ReportData, SignatoryData


class AgreementForm(forms.Form):
    start_date = date_field(_("Start of the project"), required=True)
    end_date = date_field(_("End of the project"), required=True)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The conditions the committee set, and any other the agreement states."),
    )


class SignatoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(
        label=pgettext_lazy("signatory", "Title"), max_length=200, required=False
    )
    organization = forms.CharField(label=pgettext_lazy("signatory", "For"), max_length=200)

    def as_data(self) -> SignatoryData:
        c = self.cleaned_data
        return SignatoryData(name=c["name"], organization=c["organization"], title=c["title"])


_NO_REPORT = [("", _("No report to wait for"))]


class InstalmentForm(forms.Form):
    amount = money_field(_("Amount"), positive=True)
    due_on = date_field(_("Due on"), required=True)
    condition = forms.CharField(
        label=_("Condition"),
        max_length=255,
        required=False,
        help_text=_("For example: the first 30 participants registered."),
    )
    condition_report = forms.ChoiceField(
        label=_("Paid once this report is accepted"),
        choices=_NO_REPORT + list(ReportKind.choices),
        required=False,
    )

    def as_data(self) -> InstalmentData:
        c = self.cleaned_data
        return InstalmentData(
            amount=c["amount"],
            due_on=c["due_on"],
            condition=c["condition"],
            condition_report=c["condition_report"],
        )


class ReportDueForm(forms.Form):
    # An empty first choice: a row left untouched posts nothing and is ignored.
    kind = forms.ChoiceField(label=_("Report"), choices=[("", "—"), *ReportKind.choices])
    due_on = date_field(_("Due on"), required=True)

    def as_data(self) -> ReportData:
        return ReportData(kind=self.cleaned_data["kind"], due_on=self.cleaned_data["due_on"])


# Rows left empty are ignored; a row partly filled is checked.
SignatoryFormSet = forms.formset_factory(SignatoryForm, extra=3, max_num=10, absolute_max=10)
InstalmentFormSet = forms.formset_factory(InstalmentForm, extra=4, max_num=12, absolute_max=12)
ReportFormSet = forms.formset_factory(ReportDueForm, extra=3, max_num=12, absolute_max=12)


class SignForm(forms.Form):
    signed_on = date_field(_("Signed on"), required=True)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the agreement is cancelled"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The organization reads it. Unpaid payments are cancelled, the reports still owed "
            "no longer asked for, and the money not paid goes back to the envelope."
        ),
    )


class PaymentActionForm(forms.Form):
    STEPS = (
        ("approve", _("Approve the payment")),
        ("pay", _("Record the payment")),
        ("hold", _("Hold the payment")),
        ("release", _("Release the payment")),
    )
    step = forms.ChoiceField(choices=STEPS, widget=forms.HiddenInput)
    paid_on = date_field(_("Paid on"))
    reason = forms.CharField(label=_("Why it is held"), max_length=500, required=False)


class ReportSubmitForm(forms.Form):
    text = forms.CharField(
        label=_("Report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Write the report here, attach its document, or both."),
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, office document or image."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in extensions())}),
    )


class ReportReviewForm(forms.Form):
    DECISIONS = (("accept", _("Accept the report")), ("request_changes", _("Ask for changes")))
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the organization"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask for changes: say what must change."),
    )
