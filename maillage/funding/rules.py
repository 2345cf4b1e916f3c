"""Who sees and does what in funding.

- Coordination staff see and manage everything.
- The people of an organization (an account tied to a person with an open function, seat or
  substitute seat in it) apply in its name and edit its applications while they are editable;
  they read their applications with public state names only, and never a review, a score, an
  internal comment or a screening.
- A reviewer is an account assigned to an application. A reviewer tied to the applying or a
  co-applicant organization (by a seat, a substitute seat or a function), or who declared a
  conflict, is excluded: they see neither its reviews nor its internal discussion, and their
  score counts nowhere.
- Published calls and funded projects are public.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_authenticated, is_staff
from maillage.funding import workflows
from maillage.funding.models import (
    Agreement,
    Application,
    Assignment,
    Call,
    Conflict,
    Payment,
    Report,
)
from maillage.network.models import Function, Seat


def tied_organization_ids(user: Viewer) -> set[int]:
    """The organizations `user` acts for: an open function, a seat held or substituted on."""
    if not isinstance(user, User):
        return set()
    today = timezone.localdate()
    open_function = Q(end_date__isnull=True) | Q(end_date__gte=today)
    functions = Function.objects.filter(open_function, person__user_id=user.pk)
    seats = Seat.objects.filter(open_function).filter(
        Q(holder__user_id=user.pk) | Q(substitutes__user_id=user.pk)
    )
    # Two reads: a UNION of the two would keep the seats' join in its columns on some databases.
    return set(functions.values_list("organization_id", flat=True)) | set(
        seats.values_list("organization_id", flat=True)
    )


def application_organization_ids(application: Application) -> set[int]:
    return {application.organization_id, *(o.pk for o in application.co_applicants.all())}


def _application(obj: Any) -> Application | None:
    if isinstance(obj, Application):
        return obj
    if isinstance(obj, Agreement):
        return obj.application
    if isinstance(obj, (Report, Payment)):
        return obj.agreement.application
    return None


def _is_applicant(user: Viewer, obj: Any) -> bool:
    application = _application(obj)
    if application is None or not isinstance(user, User):
        return False
    return (
        application.created_by_id == user.pk
        or application.organization_id in tied_organization_ids(user)
    )


def is_excluded(user: Viewer, application: Application) -> bool:
    """Whether `user` is in conflict with `application` (declared or by their ties)."""
    if not isinstance(user, User):
        return False
    if tied_organization_ids(user) & application_organization_ids(application):
        return True
    return Conflict.objects.filter(application=application, reviewer=user).exists()


def _is_assigned(user: Viewer, obj: Any) -> bool:
    application = _application(obj)
    if application is None or not isinstance(user, User):
        return False
    return Assignment.objects.filter(application=application, reviewer=user).exists()


def _is_not_excluded(user: Viewer, obj: Any) -> bool:
    application = _application(obj)
    return application is not None and not is_excluded(user, application)


def _is_published(user: Viewer, call: Call | None) -> bool:
    return call is not None and call.state in ("published", "closed")


def _is_editable(user: Viewer, obj: Any) -> bool:
    application = _application(obj)
    return application is not None and application.state in workflows.APPLICATION.keys_tagged(
        workflows.EDITABLE
    )


def _acts_for_an_organization(user: Viewer) -> bool:
    return bool(tied_organization_ids(user))


is_applicant = rules.predicate(_is_applicant, name="is_applicant")
is_assigned = rules.predicate(_is_assigned, name="is_assigned")
is_not_excluded = rules.predicate(_is_not_excluded, name="is_not_excluded")
is_published = rules.predicate(_is_published, name="is_published")
is_editable = rules.predicate(_is_editable, name="is_editable")
acts_for_an_organization = rules.predicate(
    _acts_for_an_organization, name="acts_for_an_organization"
)


def workflow_roles(user: Viewer, obj: Any) -> set[str]:
    """The workflow roles (`workflows.APPLICANT`, `workflows.STAFF`) `user` holds for `obj`."""
    found: set[str] = set()
    if is_staff(user):
        found.add(workflows.STAFF)
    if _is_applicant(user, obj):
        found.add(workflows.APPLICANT)
    return found


is_reviewer = is_assigned & is_not_excluded

add_perm(
    "funding.manage",
    is_staff,
    _("Only coordination staff manage funds, calls, the analysis, agreements and payments."),
)
add_perm(
    "funding.view_call",
    is_staff | is_published,
    _("This call for projects is not published yet."),
)
add_perm(
    "funding.apply",
    is_staff | acts_for_an_organization,
    _(
        "Applications are made in the name of an organization: your account must be tied to a "
        "person who holds a function or a seat in one."
    ),
)
add_perm(
    "funding.view_application",
    is_staff | is_applicant | is_reviewer,
    _("Only the applying organization, its reviewers and coordination staff see this application."),
)
add_perm(
    "funding.edit_application",
    is_applicant & is_editable,
    _(
        "Only the people of the applying organization change an application, and only while it "
        "is a draft or more information is asked."
    ),
)
add_perm(
    "funding.view_analysis",
    is_staff | is_reviewer,
    _(
        "The analysis of an application (screening, reviews, scores, internal comments) is for "
        "coordination staff and its reviewers who are not in conflict with it."
    ),
)
add_perm(
    "funding.review",
    is_reviewer,
    _("Only a reviewer assigned to this application, and not in conflict with it, scores it."),
)
add_perm(
    "funding.view_my_reviews",
    is_authenticated,
    _("Log in to see the applications you are asked to review."),
)

# Analysis: a reviewer declares a conflict on an application they are assigned to (even once
# excluded: declaring is never refused to the person who knows of a tie).
add_perm(
    "funding.declare_conflict",
    is_assigned,
    _("Only a reviewer assigned to this application declares a conflict of interest with it."),
)


# Agreements, payments and reports.

# The states of an agreement in which its organization owes and submits reports.
_REPORTING_AGREEMENT_STATES = ("signed", "active")


def _is_report_open(user: Viewer, obj: Any) -> bool:
    return (
        isinstance(obj, Report)
        and obj.state in workflows.REPORT.keys_tagged(workflows.EDITABLE)
        and obj.agreement.state in _REPORTING_AGREEMENT_STATES
    )


is_report_open = rules.predicate(_is_report_open, name="is_report_open")

add_perm(
    "funding.view_agreement",
    is_staff | is_applicant,
    _("Only the funded organization and coordination staff read this agreement."),
)
add_perm(
    "funding.submit_report",
    is_applicant & is_report_open,
    _(
        "Only the people of the funded organization submit its reports, once the agreement is "
        "signed, and only while the report is due or changes are asked."
    ),
)

# Dashboards
add_perm(
    "funding.view_funded_projects",
    rules.always_allow,
    _("The list of funded projects is public."),
)

# Funds and calls
add_perm(
    "funding.view_calls",
    rules.always_allow,
    _("The list of the calls for projects taking applications is public."),
)
