"""Personal information in the participation app (Québec's Law 25): what citizens write and give
in a consultation, what "my data" shows of it, how a person is anonymized in it, and how long
their contributions stay tied to them after the consultation closes.

A consultation's record stays whole: an anonymized proposal keeps its title, its supports count
and its place on the influence trail; only the name shown, the link to the account, the consent's
details and, on request, the texts the person wrote go."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

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
from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Comment,
    Consultation,
    Follow,
    Proposal,
    Report,
    Response,
    Signature,
    Support,
)

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

# --- The register -------------------------------------------------------------------------------

_CONTRIBUTION_KEPT = gettext_lazy(
    "Under the name shown until two years after the consultation closes, then anonymized."
)
_PUBLIC = gettext_lazy("Everyone, once published; hidden ones, moderators and staff only.")
for _model, _what in (
    ("Proposal", gettext_lazy("Take part in a public consultation with a proposal.")),
    ("Comment", gettext_lazy("Discuss a proposal in a public consultation.")),
):
    declare(
        f"participation.{_model}",
        fields=["display_name", "text"],
        purpose=_what,
        seen_by=_PUBLIC,
        kept=_CONTRIBUTION_KEPT,
    )
    declare(
        f"participation.{_model}",
        fields=["consent"],
        purpose=gettext_lazy(
            "Keep how the person agreed that words gathered in person be recorded and published."
        ),
        seen_by=gettext_lazy("Moderators and coordination staff."),
        kept=_CONTRIBUTION_KEPT,
    )
    declare(
        f"participation.{_model}",
        fields=["hidden_reason"],
        purpose=gettext_lazy("Say why a moderator hid a contribution."),
        seen_by=gettext_lazy("The author, moderators and coordination staff."),
        kept=_CONTRIBUTION_KEPT,
    )
for _model in ("Support", "Response"):
    declare(
        f"participation.{_model}",
        fields=["consent"],
        purpose=gettext_lazy(
            "Keep how the person agreed that a support or answers gathered in person be recorded."
        ),
        seen_by=gettext_lazy("Moderators and coordination staff."),
        kept=_CONTRIBUTION_KEPT,
    )
declare(
    "participation.Answer",
    fields=["text"],
    purpose=gettext_lazy("Hear what people answer to a consultation's questionnaire."),
    seen_by=gettext_lazy(
        "Coordination staff and the consultation's circle; only in summaries for the public."
    ),
    kept=_CONTRIBUTION_KEPT,
)
declare(
    "participation.Report",
    fields=["details"],
    purpose=gettext_lazy("Let moderators act on a contribution reported as breaking the code."),
    seen_by=gettext_lazy("Moderators and coordination staff."),
    kept=gettext_lazy("Until two years after the consultation closes, then deleted."),
)
_THE_COLLECTIVES = gettext_lazy(
    "Written by the collective for the public about a consultation, not about a person."
)
exempt(
    "participation.Consultation",
    fields=[
        "question_fr",
        "question_en",
        "heard_fr",
        "heard_en",
        "decided_fr",
        "decided_en",
        "not_retained_fr",
        "not_retained_en",
        "status_reason",
    ],
    reason=_THE_COLLECTIVES,
)
exempt("participation.Phase", fields=["text_fr", "text_en"], reason=_THE_COLLECTIVES)
exempt("participation.Questionnaire", fields=["intro_fr", "intro_en"], reason=_THE_COLLECTIVES)
exempt(
    "participation.Proposal",
    fields=["status_reason"],
    reason=gettext_lazy(
        "The collective's public answer on what it did with a proposal, not about its author."
    ),
)
exempt(
    "participation.TrailEntry",
    fields=["reason"],
    reason=gettext_lazy(
        "The collective's public account of a step of the influence trail, not about a person."
    ),
)

# --- Helpers ------------------------------------------------------------------------------------

CONSENT_REMOVED = gettext_noop(
    "Consent given; its details were removed with the person's identity."
)
ANONYMOUS = gettext_noop("Anonymous participant")


def _in_every_language(message: str) -> list[str]:
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append(_(message))
    return found


# --- My data ------------------------------------------------------------------------------------


def _answer_value(answer: Answer) -> str | int | None:
    picked = answer.all_choices  # type: ignore[attr-defined]
    if picked:
        return ", ".join(
            f"{chosen.rank}. {chosen.choice.label}" if chosen.rank else chosen.choice.label
            for chosen in picked
        )
    return answer.text or answer.value


def export(account: User) -> list[Section]:
    """Everything the app keeps of `account`, one query per kind held."""
    held = Held(
        account,
        proposals=Proposal.objects.filter(author=account)
        .select_related("consultation")
        .order_by("-created_at", "-pk"),
        comments=Comment.objects.filter(author=account)
        .select_related("proposal")
        .order_by("-created_at", "-pk"),
        supports=Support.objects.filter(account=account)
        .select_related("proposal")
        .order_by("-created_at", "-pk"),
        answers=Answer.objects.filter(response__respondent=account)
        .select_related("response__questionnaire", "question")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=AnswerChoice.objects.select_related("choice"),
                to_attr="all_choices",
            )
        )
        .order_by("response__submitted_at", "response_id", "question__position", "question_id"),
        reports=Report.objects.filter(reporter=account)
        .select_related("proposal", "comment")
        .order_by("-created_at", "-pk"),
        follows=Follow.objects.filter(account=account).select_related("proposal", "consultation"),
        responses=Response.objects.filter(respondent=account)
        .exclude(consent="")
        .select_related("questionnaire"),
        # Whether any contribution carries a consent, without reading them all.
        proposal_consents=Proposal.objects.filter(author=account).exclude(consent=""),
        comment_consents=Comment.objects.filter(author=account).exclude(consent=""),
    )
    proposals, comments = held["proposals"], held["comments"]

    def consents() -> list[Row]:
        gathered = [
            *(
                (_("Proposal “%(title)s”") % {"title": proposal.title}, proposal)
                for proposal in proposals
                if proposal.consent
            ),
            *(
                (_("Comment on “%(title)s”") % {"title": comment.proposal.title}, comment)
                for comment in comments
                if comment.consent
            ),
            *(
                (_("Answers to “%(title)s”") % {"title": response.questionnaire.title}, response)
                for response in held["responses"]
            ),
        ]
        return [
            Row(
                {
                    _("Contribution"): contribution,
                    _("Gathered"): record.get_channel_display(),
                    _("Consent given"): record.consent,
                }
            )
            for contribution, record in gathered
        ]

    return [
        Section(
            key="participation.proposals",
            title=gettext_lazy("Proposals"),
            purpose=gettext_lazy(
                "To publish your proposals to public consultations and follow their answer."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Consultation"): proposal.consultation.title,
                            _("Title"): proposal.title,
                            _("Proposal"): proposal.text,
                            _("Name shown"): proposal.display_name,
                            _("Shown"): proposal.get_signature_display(),
                            _("Image description"): proposal.image_description,
                            _("Supports"): proposal.support_count,
                            _("Status"): proposal.get_status_display(),
                            _("Hidden by the moderators"): proposal.hidden_at is not None,
                            _("Written"): proposal.created_at,
                        }
                    )
                    for proposal in proposals
                ],
                "proposals",
            ),
        ),
        Section(
            key="participation.comments",
            title=gettext_lazy("Comments"),
            purpose=gettext_lazy("To publish your comments on citizen proposals."),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Proposal"): comment.proposal.title,
                            _("Comment"): comment.text,
                            _("Name shown"): comment.display_name,
                            _("Hidden by the moderators"): comment.hidden_at is not None,
                            _("Written"): comment.created_at,
                        }
                    )
                    for comment in comments
                ],
                "comments",
            ),
        ),
        Section(
            key="participation.supports",
            title=gettext_lazy("Supports"),
            purpose=gettext_lazy("To count your support of a proposal, once."),
            rows=held.lazy(
                lambda: [
                    Row({_("Proposal"): support.proposal.title, _("Given"): support.created_at})
                    for support in held["supports"]
                ],
                "supports",
            ),
        ),
        Section(
            key="participation.answers",
            title=gettext_lazy("Answers to questionnaires"),
            purpose=gettext_lazy(
                "To hear your answers to consultations' questionnaires (anonymous questionnaires "
                "keep no link to you, so they are not listed)."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Questionnaire"): answer.response.questionnaire.title,
                            _("Question"): answer.question.label,
                            _("Your answer"): _answer_value(answer),
                            _("Submitted on"): answer.response.submitted_at,
                        }
                    )
                    for answer in held["answers"]
                ],
                "answers",
            ),
        ),
        Section(
            key="participation.reports",
            title=gettext_lazy("Reports to the moderators"),
            purpose=gettext_lazy(
                "To let moderators act on the contributions you reported as breaking the code."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Reported"): report.proposal.title
                            if report.proposal
                            else str(report.comment),
                            _("Reason"): report.get_reason_display(),
                            _("Details"): report.details,
                            _("Handled"): report.handled_at is not None,
                            _("Written"): report.created_at,
                        }
                    )
                    for report in held["reports"]
                ],
                "reports",
            ),
        ),
        Section(
            key="participation.consents",
            title=gettext_lazy("Consents recorded"),
            purpose=gettext_lazy(
                "To keep how you agreed that your words gathered in person be recorded and "
                "published."
            ),
            rows=held.lazy(consents, "proposal_consents", "comment_consents", "responses"),
        ),
        Section(
            key="participation.follows",
            title=gettext_lazy("Followed"),
            purpose=gettext_lazy(
                "To tell you of what becomes of the proposals and consultations you follow."
            ),
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            _("Followed"): follow.proposal.title
                            if follow.proposal
                            else follow.consultation.title,
                            _("Since"): follow.created_at,
                        }
                    )
                    for follow in held["follows"]
                ],
                "follows",
            ),
        ),
    ]


# --- Anonymization ------------------------------------------------------------------------------


def anonymize(*, account: User, pseudonym: str, actor: Actor, remove_texts: bool) -> None:
    """The person's proposals and comments are shown under the pseudonym and lose their consent's
    details; on request, their texts, answers and reports' details give way to a marker. Every
    contribution stays, with its supports count and its place on the trail."""
    consent_removed = stored(CONSENT_REMOVED)
    for model in (Proposal, Comment):
        theirs = model.objects.filter(author=account)
        theirs.update(display_name=pseudonym, signature=Signature.PSEUDONYM)
        theirs.exclude(consent="").update(consent=consent_removed)
    Response.objects.filter(respondent=account).exclude(consent="").update(consent=consent_removed)
    if not remove_texts:
        return
    removed = stored(TEXT_REMOVED)
    proposals = Proposal.objects.filter(author=account)
    images = list(proposals.exclude(image="").values_list("image", flat=True))
    proposals.update(text=removed, image="", image_description="")
    Comment.objects.filter(author=account).update(text=removed)
    Answer.objects.filter(response__respondent=account).exclude(text="").update(text=removed)
    Report.objects.filter(reporter=account).exclude(details="").update(details=removed)
    _delete_on_commit(images)


def _delete_on_commit(names: list[str]) -> None:
    if not names:
        return
    storage = Proposal._meta.get_field("image").storage
    # The images leave the disk only once the anonymization is committed.
    delete_on_commit(storage, names)


# --- Retention ----------------------------------------------------------------------------------

# Two years, counting a leap day.
CONTRIBUTIONS_KEPT = timedelta(days=2 * 365 + 1)


def _identified(contributions: QuerySet[Any]) -> QuerySet[Any]:
    """The contributions still tied to a person: an account, a name given, a consent's details."""
    return contributions.filter(
        Q(author__isnull=False)
        | ~Q(display_name__in=_in_every_language(ANONYMOUS))
        | (~Q(consent="") & ~Q(consent__in=_in_every_language(CONSENT_REMOVED)))
    )


def _left_to_remove() -> Q | Combinable:
    consultation = OuterRef("pk")
    return (
        Exists(_identified(Proposal.objects.filter(consultation=consultation)))
        | Exists(_identified(Comment.objects.filter(proposal__consultation=consultation)))
        | Exists(
            Response.objects.filter(questionnaire__consultation=consultation).filter(
                Q(respondent__isnull=False)
                | ~Q(respondent_key="")
                | (~Q(consent="") & ~Q(consent__in=_in_every_language(CONSENT_REMOVED)))
            )
        )
        | Exists(
            Support.objects.filter(proposal__consultation=consultation)
            .exclude(consent="")
            .exclude(consent__in=_in_every_language(CONSENT_REMOVED))
        )
        | Exists(
            Report.objects.filter(
                Q(proposal__consultation=consultation)
                | Q(comment__proposal__consultation=consultation)
            )
        )
        | Exists(
            Follow.objects.filter(
                Q(proposal__consultation=consultation) | Q(consultation=consultation)
            )
        )
    )


def expired_contributions(now: datetime) -> list[Expired]:
    closed_before = timezone.localdate(now) - CONTRIBUTIONS_KEPT
    return [
        Expired(pk=pk, label=_("Consultation no. %(number)s") % {"number": pk})
        for pk in Consultation.objects.filter(ends_on__lt=closed_before)
        .filter(_left_to_remove())
        .order_by("pk")
        .values_list("pk", flat=True)
    ]


def remove_contributions(pks: Iterable[Any], actor: Actor) -> int:
    """Anonymizes every contribution to these consultations: no account, a neutral name, the
    consent's details gone; the reports and follows are deleted. The texts, supports counts and
    the influence trail stay: they are the consultation's public record."""
    ids = list(Consultation.objects.filter(pk__in=list(pks)).values_list("pk", flat=True))
    if not ids:
        return 0
    anonymous = stored(ANONYMOUS)
    consent_removed = stored(CONSENT_REMOVED)
    for contributions in (
        Proposal.objects.filter(consultation_id__in=ids),
        Comment.objects.filter(proposal__consultation_id__in=ids),
    ):
        contributions.update(author=None, display_name=anonymous, signature=Signature.PSEUDONYM)
        contributions.exclude(consent="").update(consent=consent_removed)
    responses = Response.objects.filter(questionnaire__consultation_id__in=ids)
    responses.update(respondent=None, respondent_key="")
    responses.exclude(consent="").update(consent=consent_removed)
    Support.objects.filter(proposal__consultation_id__in=ids).exclude(consent="").update(
        consent=consent_removed
    )
    Report.objects.filter(
        Q(proposal__consultation_id__in=ids) | Q(comment__proposal__consultation_id__in=ids)
    ).delete()
    Follow.objects.filter(
        Q(proposal__consultation_id__in=ids) | Q(consultation_id__in=ids)
    ).delete()
    return len(ids)


register_export("participation", export)
register_anonymizer("participation", anonymize)
register_retention(
    RetentionRule(
        key="participation.closed_consultations",
        label=gettext_lazy("Contributions to a closed consultation"),
        period=CONTRIBUTIONS_KEPT,
        since=gettext_lazy("the consultation's end"),
        action=gettext_lazy(
            "anonymized: the contributions lose the link to their authors' accounts, the names "
            "shown and the consents' details, and the reports and follows are deleted; the texts, "
            "supports counts and the influence trail stay"
        ),
        expired=expired_contributions,
        remove=remove_contributions,
    )
)
