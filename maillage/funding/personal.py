"""Personal information in the funding app (Québec's Law 25): what it holds, what "my data"
shows of it, how a person is anonymized in it, and how long a declined application is kept.

A funding file belongs to the applying organization and the collective: anonymizing a person
leaves every application with its organization, amounts, scores and decision, and removes only the
copies of the person's name (an agreement's signatory) and, on request, the comments and review
texts they wrote."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.personal import (
    TEXT_REMOVED,
    Expired,
    Held,
    RetentionRule,
    Row,
    Section,
    declare,
    exempt,
    register_anonymizer,
    register_export,
    register_retention,
    stored,
)
from maillage.core.uploads import delete_on_commit
from maillage.funding import workflows
from maillage.funding.models import (
    Application,
    Attachment,
    Comment,
    Conflict,
    Report,
    Review,
    Revision,
    Score,
    Signatory,
)
from maillage.network.models import Function, Person, Seat
from maillage.network.personal import person_of

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

# --- The register -------------------------------------------------------------------------------

declare(
    "funding.Application",
    fields=["summary", "populations"],
    purpose=gettext_lazy(
        "Describe the project an organization proposes, so that it can be analysed and decided."
    ),
    seen_by=gettext_lazy(
        "The applying organization's people, coordination staff and the review committee."
    ),
    kept=gettext_lazy(
        "With the funding file; for a declined application, seven years after the decision."
    ),
)
declare(
    "funding.Comment",
    fields=["text"],
    purpose=gettext_lazy("Discuss an application between staff, reviewers and the applicant."),
    seen_by=gettext_lazy(
        "Coordination staff and reviewers; the applicant when the comment is shared with them."
    ),
    kept=gettext_lazy(
        "With the funding file; for a declined application, seven years after the decision."
    ),
)
declare(
    "funding.Review",
    fields=["comment"],
    purpose=gettext_lazy("Record a reviewer's assessment of an application."),
    seen_by=gettext_lazy("Coordination staff and the review committee members not in conflict."),
    kept=gettext_lazy(
        "With the funding file; for a declined application, seven years after the decision."
    ),
)
declare(
    "funding.Score",
    fields=["comment"],
    purpose=gettext_lazy("Explain a reviewer's score on one criterion of the grid."),
    seen_by=gettext_lazy("Coordination staff and the review committee members not in conflict."),
    kept=gettext_lazy(
        "With the funding file; for a declined application, seven years after the decision."
    ),
)
declare(
    "funding.Report",
    fields=["text"],
    purpose=gettext_lazy("Account for the funded project's progress and use of the money."),
    seen_by=gettext_lazy("The funded organization's people and coordination staff."),
    kept=gettext_lazy("With the agreement, as long as the funder's accountability requires."),
)
declare(
    "funding.Signatory",
    fields=["name"],
    purpose=gettext_lazy("Name who signed an agreement on behalf of each party."),
    seen_by=gettext_lazy("The funded organization's people and coordination staff."),
    kept=gettext_lazy("With the agreement, as long as the funder's accountability requires."),
)
exempt(
    "funding.Fund",
    fields=["name", "description"],
    reason=gettext_lazy("A fund's name and description, written by staff for the public."),
)
exempt(
    "funding.Stream",
    fields=["name_fr", "name_en"],
    reason=gettext_lazy("The name of a funding stream, not of a person."),
)
exempt(
    "funding.Call",
    fields=["description"],
    reason=gettext_lazy("A call's description, written by staff for the public."),
)
exempt(
    "funding.Section",
    fields=["help_text"],
    reason=gettext_lazy("Guidance to applicants, written by staff for every applicant."),
)
exempt(
    "funding.Criterion",
    fields=["description"],
    reason=gettext_lazy("A criterion of the scoring grid, written by staff for every applicant."),
)
exempt(
    "funding.Application",
    fields=["conditions", "decision_reasons"],
    reason=gettext_lazy(
        "The collective's decision on a project, about the project and not a person."
    ),
)
exempt(
    "funding.Agreement",
    fields=["conditions"],
    reason=gettext_lazy("The conditions of an agreement, about the project and not a person."),
)
exempt(
    "funding.RecommendationLine",
    fields=["conditions", "reasons"],
    reason=gettext_lazy("The committee's recommendation on a project, not on a person."),
)
exempt(
    "funding.Recommendation",
    fields=["note"],
    reason=gettext_lazy("The committee's note on a call's recommendation, about the projects."),
)
exempt(
    "funding.Screening",
    fields=["note"],
    reason=gettext_lazy("The staff's note on an application's eligibility, about the project."),
)
exempt(
    "funding.Report",
    fields=["staff_note"],
    reason=gettext_lazy("The staff's note to the organization on its report, about the project."),
)

# --- Helpers ------------------------------------------------------------------------------------


def _names(account: User, person: Person | None) -> set[str]:
    names = {account.get_full_name().strip()}
    if person is not None:
        names.add(f"{person.first_name} {person.last_name}".strip())
    return {name for name in names if name}


def _signatories(account: User) -> QuerySet[Signatory]:
    """The signatories that are the person: their name, on an agreement of an organization they
    work or sit in, or of an application they started (a signatory is a name, not an account, so
    a namesake elsewhere is not taken for them)."""
    person = person_of(account)
    names = _names(account, person)
    if not names:
        return Signatory.objects.none()
    by_name = Q()
    for name in names:
        by_name |= Q(name__iexact=name)
    theirs = Q(agreement__application__created_by=account)
    if person is not None:
        # Subqueries, so that the match stays one query.
        functions = Function.objects.filter(person=person).values("organization_id")
        seats = Seat.objects.filter(holder=person).values("organization_id")
        theirs |= Q(agreement__application__organization_id__in=functions) | Q(
            agreement__application__organization_id__in=seats
        )
    return Signatory.objects.filter(by_name & theirs)


# --- My data ------------------------------------------------------------------------------------


def export(account: User) -> list[Section]:
    """Everything the app keeps of `account`, one query per kind held."""
    # A union rather than an OR on a subquery, which would read every application.
    theirs = (
        Application.objects.filter(created_by=account)
        .values("pk")
        .union(Revision.objects.filter(submitted_by=account).values("application_id"))
    )
    editable = set(workflows.APPLICATION.keys_tagged(workflows.EDITABLE))
    held = Held(
        account,
        applications=Application.objects.filter(pk__in=theirs)
        .select_related("organization", "call")
        .only(
            *("reference", "title", "organization__name", "call__title", "state", "summary"),
            *("populations", "amount_requested", "amount_granted", "created_by", "submitted_at"),
        )
        .order_by("-created_at", "-pk"),
        reviews=Review.objects.filter(reviewer=account)
        .select_related("application")
        .only("application__reference", "submitted_at", "total", "comment")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("criterion").only(
                    "review", "criterion__title", "value", "comment"
                ),
                to_attr="all_scores",
            )
        )
        .order_by("application__reference", "pk"),
        comments=Comment.objects.filter(author=account)
        .select_related("application")
        .only("application__reference", "created_at", "shared", "text"),
        conflicts=Conflict.objects.filter(reviewer=account)
        .select_related("application")
        .only("application__reference", "source", "reason", "recorded_at"),
        reports=Report.objects.filter(submitted_by=account).select_related(
            "agreement__application"
        ),
        signatories=_signatories(account).select_related("agreement"),
    )
    return [
        Section(
            key="funding.applications",
            title=gettext_lazy("Funding applications"),
            purpose=gettext_lazy(
                "To analyse and decide the applications you started or submitted for an "
                "organization."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        values={
                            _("Reference"): application.reference,
                            _("Project"): application.title,
                            _("Organization"): application.organization.name,
                            _("Call for projects"): application.call.title,
                            _("State"): application.public_state_label,
                            _("Summary"): application.summary,
                            _("Populations served"): application.populations,
                            _("Amount requested"): application.amount_requested,
                            _("Amount granted"): application.amount_granted,
                            _("Started by you"): application.created_by_id == account.pk,
                            _("Last submitted"): application.submitted_at,
                        },
                        correct_url=reverse(
                            "funding:application_edit", kwargs={"pk": application.pk}
                        )
                        if application.state in editable
                        else "",
                    )
                    for application in held["applications"]
                ],
                "applications",
            ),
        ),
        Section(
            key="funding.reviews",
            title=gettext_lazy("Reviews you wrote"),
            purpose=gettext_lazy("To rank the applications, as a member of the review committee."),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Application"): review.application.reference,
                            _("Submitted on"): review.submitted_at,
                            _("Weighted total"): review.total,
                            _("Overall comment"): review.comment,
                            _("Scores"): "\n".join(
                                f"{score.criterion.title}: {score.value}"
                                + (f" — {score.comment}" if score.comment else "")
                                for score in review.all_scores
                            ),
                        }
                    )
                    for review in held["reviews"]
                ],
                "reviews",
            ),
        ),
        Section(
            key="funding.conflicts",
            title=gettext_lazy("Conflicts of interest"),
            purpose=gettext_lazy(
                "So that you take no part in deciding the applications where you have a conflict "
                "of interest."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Application"): conflict.application.reference,
                            _("Source"): conflict.get_source_display(),
                            _("Reason"): conflict.reason,
                            _("Recorded"): conflict.recorded_at,
                        }
                    )
                    for conflict in held["conflicts"]
                ],
                "conflicts",
            ),
        ),
        Section(
            key="funding.comments",
            title=gettext_lazy("Comments on applications"),
            purpose=gettext_lazy(
                "To discuss applications between the staff, reviewers and applicants."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Application"): comment.application.reference,
                            _("Written"): comment.created_at,
                            _("Shared with the applicant"): comment.shared,
                            _("Comment"): comment.text,
                        }
                    )
                    for comment in held["comments"]
                ],
                "comments",
            ),
        ),
        Section(
            key="funding.reports",
            title=gettext_lazy("Reports you submitted"),
            purpose=gettext_lazy("To account for a funded project, as its agreement requires."),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Agreement"): report.agreement.number,
                            _("Application"): report.agreement.application.reference,
                            _("Kind"): report.get_kind_display(),
                            _("Due on"): report.due_on,
                            _("Submitted on"): report.submitted_at,
                            _("State"): report.state_label,
                            _("Report"): report.text,
                            _("Document"): report.filename,
                        }
                    )
                    for report in held["reports"]
                ],
                "reports",
            ),
        ),
        Section(
            key="funding.signatures",
            title=gettext_lazy("Agreements you signed"),
            purpose=gettext_lazy("To know who signed a funding agreement on behalf of each party."),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Agreement"): signatory.agreement.number,
                            _("Name"): signatory.name,
                            _("Title"): signatory.title,
                            _("For"): signatory.organization,
                            _("Signed on"): signatory.signed_on,
                        }
                    )
                    for signatory in held["signatories"]
                ],
                "signatories",
            ),
        ),
    ]


# --- Anonymization ------------------------------------------------------------------------------


def anonymize(*, account: User, pseudonym: str, actor: Actor, remove_texts: bool) -> None:
    """The person's name leaves the agreements they signed (the signature's date and the party
    stay); on request, their comments and review texts give way to a marker. Applications, scores
    and decisions stay whole."""
    _signatories(account).update(name=pseudonym, title="")
    if not remove_texts:
        return
    removed = stored(TEXT_REMOVED)
    Comment.objects.filter(author=account).update(text=removed)
    Review.objects.filter(reviewer=account).exclude(comment="").update(comment=removed)
    Score.objects.filter(review__reviewer=account).exclude(comment="").update(comment=removed)


# --- Retention ----------------------------------------------------------------------------------

# Seven years, counting the leap days.
DECLINED_KEPT = timedelta(days=7 * 365 + 2)


def _decided_at() -> Coalesce:
    return Coalesce("state_changed_at", "updated_at")


def _left_to_remove() -> Q | Combinable:
    """An application that still holds something the rule removes (so a file already emptied is
    not listed again every day)."""
    return (
        Q(created_by__isnull=False)
        | ~Q(summary="")
        | ~Q(populations="")
        | ~Q(answers={})
        | Exists(Comment.objects.filter(application=OuterRef("pk")))
        | Exists(Attachment.objects.filter(application=OuterRef("pk")))
        | Exists(
            Revision.objects.filter(application=OuterRef("pk")).filter(
                Q(submitted_by__isnull=False) | ~Q(content={})
            )
        )
        | Exists(Review.objects.filter(application=OuterRef("pk")).exclude(comment=""))
        | Exists(Score.objects.filter(review__application=OuterRef("pk")).exclude(comment=""))
    )


def _declined(now: datetime | None = None) -> QuerySet[Application]:
    found = Application.objects.filter(state="declined").alias(decided_at=_decided_at())
    if now is not None:
        found = found.filter(decided_at__lte=now - DECLINED_KEPT)
    return found


def expired_declined(now: datetime) -> list[Expired]:
    return [
        Expired(pk=pk, label=_("Application %(reference)s") % {"reference": reference})
        for pk, reference in _declined(now)
        .filter(_left_to_remove())
        .order_by("pk")
        .values_list("pk", "reference")
    ]


def remove_declined(pks: Iterable[Any], actor: Actor) -> int:
    """Empties what the applicants wrote in these declined applications and every link to their
    accounts; the organization, the call, the amounts, the scores and the decision stay."""
    applications = _declined().filter(pk__in=list(pks))
    ids = list(applications.values_list("pk", flat=True))
    if not ids:
        return 0
    files = list(
        Attachment.objects.filter(application_id__in=ids)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    Attachment.objects.filter(application_id__in=ids).delete()
    Comment.objects.filter(application_id__in=ids).delete()
    Revision.objects.filter(application_id__in=ids).update(content={}, submitted_by=None)
    Review.objects.filter(application_id__in=ids).update(comment="")
    Score.objects.filter(review__application_id__in=ids).update(comment="")
    Application.objects.filter(pk__in=ids).update(
        summary="", populations="", answers={}, created_by=None
    )
    storage = Attachment._meta.get_field("file").storage
    # The documents leave the disk only once the removal is committed.
    delete_on_commit(storage, files)
    return len(ids)


register_export("funding", export)
register_anonymizer("funding", anonymize)
register_retention(
    RetentionRule(
        key="funding.declined_applications",
        label=gettext_lazy("Declined funding applications"),
        period=DECLINED_KEPT,
        since=gettext_lazy("the decision"),
        action=gettext_lazy(
            "anonymized: the applicants' texts, answers, documents, comments and review comments "
            "are removed, with the links to their accounts; the organization, amounts, scores and "
            "decision stay"
        ),
        expired=expired_declined,
        remove=remove_declined,
    )
)
