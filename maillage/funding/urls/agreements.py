from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import agreements

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "agreements/follow-up/"),
        agreements.agreement_followup,
        name="agreement_followup",
    ),
    path(
        pgettext_lazy("URL", "agreements/new/<int:pk>/"),
        agreements.agreement_create,
        name="agreement_create",
    ),
    path(
        pgettext_lazy("URL", "agreements/<int:pk>/"),
        agreements.agreement_detail,
        name="agreement_detail",
    ),
    path(
        pgettext_lazy("URL", "agreements/<int:pk>/agreement.pdf"),
        agreements.agreement_pdf,
        name="agreement_pdf",
    ),
    path(
        pgettext_lazy("URL", "agreements/<int:pk>/sign/"),
        agreements.agreement_sign,
        name="agreement_sign",
    ),
    path(
        pgettext_lazy("URL", "agreements/<int:pk>/cancel/"),
        agreements.agreement_cancel,
        name="agreement_cancel",
    ),
    path(
        pgettext_lazy("URL", "agreements/<int:pk>/move/"),
        agreements.agreement_transition,
        name="agreement_transition",
    ),
    path(
        pgettext_lazy("URL", "agreements/payments/<int:pk>/"),
        agreements.agreement_payment,
        name="agreement_payment",
    ),
    path(
        pgettext_lazy("URL", "agreements/reports/<int:pk>/"),
        agreements.agreement_report,
        name="agreement_report",
    ),
    path(
        pgettext_lazy("URL", "agreements/reports/<int:pk>/submit/"),
        agreements.agreement_report_submit,
        name="agreement_report_submit",
    ),
    path(
        pgettext_lazy("URL", "agreements/reports/<int:pk>/review/"),
        agreements.agreement_report_review,
        name="agreement_report_review",
    ),
    path(
        pgettext_lazy("URL", "agreements/reports/<int:pk>/document/"),
        agreements.agreement_report_file,
        name="agreement_report_file",
    ),
]
