"""The planning app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class PlanningVerb(Verbs):
    PLAN_CREATED = "plan.created", _("work plan created")
    PLAN_UPDATED = "plan.updated", _("work plan changed")
    PLAN_DELETED = "plan.deleted", _("work plan deleted")
    NEED_CREATED = "plan.need_created", _("issue or need added to the plan")
    NEED_UPDATED = "plan.need_updated", _("issue or need of the plan changed")
    NEED_DELETED = "plan.need_deleted", _("issue or need removed from the plan")
    ORIENTATION_CREATED = "plan.orientation_created", _("orientation added to the plan")
    ORIENTATION_UPDATED = "plan.orientation_updated", _("orientation of the plan changed")
    ORIENTATION_DELETED = "plan.orientation_deleted", _("orientation removed from the plan")
    OBJECTIVE_CREATED = "objective.created", _("objective created")
    OBJECTIVE_UPDATED = "objective.updated", _("objective changed")
    OBJECTIVE_DELETED = "objective.deleted", _("objective deleted")
    MOVED = "plan.moved", _("order of the plan changed")
    ACTION_CREATED = "action.created", _("action created")
    ACTION_UPDATED = "action.updated", _("action changed")
    ACTION_DELETED = "action.deleted", _("action deleted")
    ACTION_PROJECTS_SET = "action.projects_set", _("funded projects of an action changed")
    TARGET_CREATED = "target.created", _("target created")
    TARGET_UPDATED = "target.updated", _("target changed")
    TARGET_DELETED = "target.deleted", _("target deleted")
    PROGRESS_RECORDED = "objective.progress", _("progress update written")
    SUBMITTED = "plan.submitted", _("submitted for adoption by consent")
    ADOPTED = "plan.adopted", _("adopted by a consent decision")
    # Recorded on the decision itself, so that its history says what it adopted.
    DECISION_ADOPTS = "plan.decision_adopts", _("adopted in the work plan")


register_verbs(PlanningVerb)
