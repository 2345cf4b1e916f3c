"""The funding app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class FundingVerb(Verbs):
    FUND_CREATED = "funding.fund_created", _("fund created")
    FUND_AMENDED = "funding.fund_amended", _("fund amended")
    FUND_SPLIT = "funding.fund_split", _("fund split among territories")
    ENVELOPE_CREATED = "funding.envelope_created", _("envelope created")
    MONEY_ALLOCATED = "funding.allocated", _("money allocated to an envelope")
    MONEY_TRANSFERRED = "funding.transferred", _("money transferred between envelopes")
    MONEY_CARRIED_OVER = "funding.carried_over", _("unspent money carried over")
    MONEY_COMMITTED = "funding.committed", _("money committed to a project")
    COMMITMENT_RELEASED = "funding.released", _("commitment released")
    MONEY_PAID = "funding.paid", _("payment made")
    CALL_CREATED = "funding.call_created", _("call for projects created")
    CALL_AMENDED = "funding.call_amended", _("call for projects amended")
    CALL_TRANSITION = "funding.call_transition", _("call for projects moved on")
    APPLICATION_STARTED = "funding.application_started", _("application started")
    APPLICATION_SAVED = "funding.application_saved", _("application saved")
    APPLICATION_TRANSITION = "funding.application_transition", _("application moved on")
    ATTACHMENT_ADDED = "funding.attachment_added", _("document added to an application")
    ATTACHMENT_REMOVED = "funding.attachment_removed", _("document removed from an application")
    COMMENT_ADDED = "funding.comment_added", _("comment added to an application")
    SCREENED = "funding.screened", _("application screened")
    REVIEWER_ASSIGNED = "funding.reviewer_assigned", _("reviewer assigned")
    REVIEWER_UNASSIGNED = "funding.reviewer_unassigned", _("reviewer withdrawn")
    CONFLICT_RECORDED = "funding.conflict_recorded", _("conflict of interest recorded")
    REVIEW_SUBMITTED = "funding.review_submitted", _("review submitted")
    RECOMMENDATION_PREPARED = "funding.recommendation_prepared", _("recommendation prepared")
    RECOMMENDATION_APPLIED = "funding.recommendation_applied", _("committee's decision applied")
    AGREEMENT_CREATED = "funding.agreement_created", _("agreement prepared")
    AGREEMENT_TRANSITION = "funding.agreement_transition", _("agreement moved on")
    PAYMENT_TRANSITION = "funding.payment_transition", _("payment moved on")
    REPORT_TRANSITION = "funding.report_transition", _("report moved on")
    REPORT_REMINDED = "funding.report_reminded", _("report reminded before it is due")
    REVIEW_SAVED = "funding.review_saved", _("review saved as a draft")
    RECOMMENDATION_REFUSED = (
        "funding.recommendation_refused",
        _("committee's decision not applied to a project"),
    )


register_verbs(FundingVerb)
