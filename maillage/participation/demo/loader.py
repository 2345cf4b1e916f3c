"""The participation demo, written through the services where they exist (the trail, follows,
the report back, the decisions) and directly into the models otherwise (see the package)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import services as core_services
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.decisions import selectors as decision_selectors
from maillage.decisions import services as decisions
from maillage.decisions.models import Decision, Position, ProcessMode, Visibility
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Workstream
from maillage.network.demo import ACCOUNT_DOMAIN, DEMO_PASSWORD
from maillage.participation.demo.content import (
    CITIZENS,
    CONSENT,
    CONSULTATIONS,
    QUESTIONNAIRE,
    QUESTIONNAIRE_ANSWERS,
    TRAILS,
    DemoConsultation,
    DemoTrail,
)
from maillage.participation.models import (
    PHASE_ORDER,
    Answer,
    AnswerChoice,
    Channel,
    Choice,
    Comment,
    Consultation,
    Phase,
    Proposal,
    Question,
    Questionnaire,
    Response,
    Signature,
    Support,
)
from maillage.participation.services import trail as services

PHASE_DAYS = 14


def _group(slug: str) -> Circle | Workstream | None:
    return Circle.objects.filter(slug=slug).first() or Workstream.objects.filter(slug=slug).first()


def _citizens() -> list[User]:
    accounts = []
    for first, last in CITIZENS:
        email = f"{first.lower()}.{last.lower()}@{ACCOUNT_DOMAIN}".replace("ï", "i").replace(
            "é", "e"
        )
        user = User.objects.filter(email=email).first() or core_services.account_create(
            actor=SYSTEM,
            email=email,
            password=DEMO_PASSWORD,
            role=Role.CITIZEN,
            first_name=first,
            last_name=last,
            verified=True,
        )
        accounts.append(user)
    return accounts


def _phases(consultation: Consultation, current: str) -> None:
    """Four phases of two weeks, today in `current` (after the report's start, it stays open
    for a month)."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=PHASE_DAYS * PHASE_ORDER.index(current) + 3)
    for index, kind in enumerate(PHASE_ORDER):
        begins = start + dt.timedelta(days=PHASE_DAYS * index)
        length = 30 if kind == "report" else PHASE_DAYS - 1
        Phase.objects.create(
            consultation=consultation,
            kind=kind,
            starts_on=begins,
            ends_on=begins + dt.timedelta(days=length),
        )
    consultation.starts_on = start
    consultation.ends_on = start + dt.timedelta(days=PHASE_DAYS * 3 + 30)
    consultation.save(update_fields=["starts_on", "ends_on"])


def _consultation(demo: DemoConsultation, group: Circle | Workstream, staff: User) -> Consultation:
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        slug=demo.slug,
        title_fr=demo.title_fr,
        title_en=demo.title_en,
        question_fr=demo.question_fr,
        question_en=demo.question_en,
        circle=group if isinstance(group, Circle) else None,
        workstream=group if isinstance(group, Workstream) else None,
        routed_circle=group if isinstance(group, Circle) else None,
        routed_workstream=group if isinstance(group, Workstream) else None,
        starts_on=today,
        ends_on=today,
        published_at=timezone.now(),
        created_by=staff,
    )
    _phases(consultation, demo.phase)
    return consultation


def _proposals(
    demo: DemoConsultation,
    consultation: Consultation,
    citizens: list[User],
    recorder: User,
) -> None:
    by_name = {c.first_name: c for c in citizens}
    for index, item in enumerate(demo.proposals):
        online = item.channel == Channel.ONLINE
        author = by_name.get(item.name) if online else None
        proposal = Proposal.objects.create(
            consultation=consultation,
            author=author,
            signature=Signature.NAME,
            display_name=item.name,
            channel=item.channel,
            recorded_by=None if online else recorder,
            consent="" if online else CONSENT,
            title=item.title,
            text=item.text,
            routed_circle=consultation.circle,
            routed_workstream=consultation.workstream,
        )
        supporters = [c for c in citizens if c != author][: item.supports]
        Support.objects.bulk_create(Support(proposal=proposal, account=c) for c in supporters)
        gathered = item.supports - len(supporters)
        Support.objects.bulk_create(
            Support(
                proposal=proposal, channel=Channel.MEETING, recorded_by=recorder, consent=CONSENT
            )
            for _n in range(gathered)
        )
        Proposal.objects.filter(pk=proposal.pk).update(support_count=item.supports)
        for number, text in enumerate(item.comments):
            commenter = citizens[(index + number + 1) % len(citizens)]
            Comment.objects.create(
                proposal=proposal,
                author=commenter,
                signature=Signature.PSEUDONYM,
                display_name=f"{commenter.first_name[0]}. du coin",
                text=text,
            )


def _speakers(group: Circle | Workstream) -> list[Any]:
    people = [v.holders[0] for v in decision_selectors.voices(group) if v.holders]
    return [p for p in people if p.email != MEMBER_EMAIL][:4]


def _consent(trail: DemoTrail, group: Circle | Workstream, facilitator: User) -> Decision | None:
    """A consent decision of `group` taken in a meeting, its answers recorded by the
    facilitator, as the decisions demo takes its own."""
    people = _speakers(group)
    if not people:
        return None
    process = decisions.process_start(
        actor=SYSTEM,
        data=decisions.ProcessData(
            title=trail.decision_title,
            proposal=trail.decision_text,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            mode=ProcessMode.LIVE,
            visibility=Visibility.PUBLIC,
            facilitator=facilitator,
        ),
    )
    for step in ("present", "open_clarifying", "open_reactions", "open_consent"):
        process = decisions.process_transition(actor=SYSTEM, process=process, transition=step)
    for person in people:
        decisions.answer_give(
            actor=facilitator, process=process, person=person, position=Position.CONSENT
        )
    decisions.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.filter(process=process).first()


def _follow_trail(trail: DemoTrail, staff: User, citizens: list[User]) -> None:
    found = Proposal.objects.filter(title=trail.proposal).first()
    if found is None or found.status != "received":
        return
    proposal: Proposal | Consultation = found
    group = services.answering_group(proposal)
    for citizen in citizens[:2]:
        if citizen.pk != found.author_id:
            services.follow(actor=citizen, input=proposal)
    proposal = services.input_move(actor=SYSTEM, input=proposal, transition="study", reason="")
    if trail.outcome == "decline":
        services.input_move(actor=SYSTEM, input=proposal, transition="decline", reason=trail.reason)
    elif trail.outcome in ("take_up", "done"):
        decision = _consent(trail, group, staff)
        if decision is None:
            return
        carrier = Workstream.objects.filter(slug=trail.carried_by).first()
        proposal = services.input_move(
            actor=SYSTEM,
            input=proposal,
            transition="take_up",
            reason=trail.reason,
            decision=decision,
            carried_by=carrier,
        )
        if trail.outcome == "done":
            services.input_move(
                actor=SYSTEM,
                input=proposal,
                transition="complete",
                reason=_("The first residents moved in."),
            )


def _questionnaire(citizens: list[User], recorder: User) -> None:
    slug, title, intro, questions = QUESTIONNAIRE
    consultation = Consultation.objects.filter(slug=slug).first()
    if consultation is None or consultation.questionnaires.exists():
        return
    questionnaire = Questionnaire.objects.create(
        consultation=consultation, title_fr=title, intro_fr=intro, published_at=timezone.now()
    )
    made = []
    for position, item in enumerate(questions):
        question = Question.objects.create(
            questionnaire=questionnaire, position=position, kind=item.kind, label_fr=item.label
        )
        choices = [
            Choice.objects.create(question=question, position=n, label_fr=label)
            for n, label in enumerate(item.choices)
        ]
        made.append((question, choices))
    for index, (single, places, value, text) in enumerate(QUESTIONNAIRE_ANSWERS):
        in_person = index == len(QUESTIONNAIRE_ANSWERS) - 1
        # A digest that keeps each person to one response without naming them.
        key = hashlib.sha256(f"demo:{questionnaire.pk}:{index}".encode()).hexdigest()
        response = Response.objects.create(
            questionnaire=questionnaire,
            respondent=None,
            respondent_key=key,
            channel=Channel.PAPER if in_person else Channel.ONLINE,
            recorded_by=recorder if in_person else None,
            consent=CONSENT if in_person else "",
        )
        (q_single, c_single), (q_multi, c_multi), (q_scale, _c), (q_text, _t) = made
        answer = Answer.objects.create(response=response, question=q_single)
        AnswerChoice.objects.create(answer=answer, choice=c_single[single])
        answer = Answer.objects.create(response=response, question=q_multi)
        AnswerChoice.objects.bulk_create(
            AnswerChoice(answer=answer, choice=c_multi[n]) for n in places
        )
        Answer.objects.create(response=response, question=q_scale, value=value)
        if text:
            Answer.objects.create(response=response, question=q_text, text=text)


@transaction.atomic
def load(*, stdout: Any) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    recorder = User.objects.filter(email=MEMBER_EMAIL).first()
    if staff is None or recorder is None:
        stdout.write(_("No demo staff or member account: the participation demo is skipped."))
        return
    citizens = _citizens()
    skipped = []
    for demo in CONSULTATIONS:
        group = _group(demo.group)
        if group is None:
            skipped.append(demo.group)
            continue
        if Consultation.objects.filter(slug=demo.slug).exists():
            continue
        consultation = _consultation(demo, group, staff)
        _proposals(demo, consultation, citizens, recorder)
        if all(demo.report[:2]):
            heard, decided, not_retained = demo.report
            services.consultation_report_back(
                actor=SYSTEM,
                consultation=consultation,
                heard_fr=heard,
                decided_fr=decided,
                not_retained_fr=not_retained,
            )
    for trail in TRAILS:
        _follow_trail(trail, staff, citizens)
    _questionnaire(citizens, recorder)
    stdout.write(
        _("%(consultations)d consultations, %(proposals)d proposals.")
        % {
            "consultations": Consultation.objects.count(),
            "proposals": Proposal.objects.count(),
        }
    )
    if skipped:
        stdout.write(
            _("Circles or workstreams not found (skipped): %(slugs)s.")
            % {"slugs": ", ".join(skipped)}
        )
