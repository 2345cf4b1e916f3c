"""The participation app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class ParticipationVerb(Verbs):
    CONSULTATION_CREATED = "consultation.created", _("consultation created")
    CONSULTATION_UPDATED = "consultation.updated", _("consultation changed")
    CONSULTATION_PUBLISHED = "consultation.published", _("consultation published")
    CONSULTATION_UNPUBLISHED = "consultation.unpublished", _("consultation unpublished")
    CONSULTATION_PHASES_SET = "consultation.phases_set", _("consultation's phases changed")
    CONSULTATION_REPORTED = "consultation.reported_back", _("consultation's report back written")
    PROPOSAL_SUBMITTED = "proposal.submitted", _("proposal submitted")
    PROPOSAL_RECORDED = "proposal.recorded", _("proposal gathered in person recorded")
    COMMENT_ADDED = "proposal.commented", _("comment added")
    COMMENT_RECORDED = "proposal.comment_recorded", _("comment gathered in person recorded")
    SUPPORTED = "proposal.supported", _("proposal supported")
    SUPPORT_WITHDRAWN = "proposal.support_withdrawn", _("support withdrawn")
    SUPPORT_RECORDED = "proposal.support_recorded", _("support gathered in person recorded")
    REPORTED = "contribution.reported", _("contribution reported")
    HIDDEN = "contribution.hidden", _("contribution hidden by a moderator")
    RESTORED = "contribution.restored", _("contribution restored by a moderator")
    REPORT_DISMISSED = "contribution.report_dismissed", _("report dismissed")
    MODERATOR_NAMED = "moderation.moderator_named", _("moderator named")
    MODERATOR_REMOVED = "moderation.moderator_removed", _("moderator removed")
    ROUTED = "trail.routed", _("input routed")
    TRAIL_MOVED = "trail.moved", _("input's status changed on the influence trail")
    FOLLOWED = "trail.followed", _("input followed")
    UNFOLLOWED = "trail.unfollowed", _("input no longer followed")
    QUESTIONNAIRE_CREATED = "questionnaire.created", _("questionnaire created")
    QUESTIONNAIRE_UPDATED = "questionnaire.updated", _("questionnaire changed")
    QUESTIONNAIRE_PUBLISHED = "questionnaire.published", _("questionnaire published")
    QUESTION_ADDED = "questionnaire.question_added", _("question added to a questionnaire")
    QUESTION_UPDATED = "questionnaire.question_changed", _("question of a questionnaire changed")
    QUESTION_MOVED = "questionnaire.question_moved", _("question of a questionnaire moved")
    QUESTION_REMOVED = "questionnaire.question_removed", _("question removed from a questionnaire")
    QUESTIONNAIRE_ANSWERED = "questionnaire.answered", _("questionnaire answered")
    QUESTIONNAIRE_RECORDED = (
        "questionnaire.recorded",
        _("questionnaire answers gathered in person recorded"),
    )


register_verbs(ParticipationVerb)
