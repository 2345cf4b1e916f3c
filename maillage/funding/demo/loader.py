"""The funding demo written through the services (see the package)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.scale import DEMO_DOMAIN
from maillage.core.services import account_create
from maillage.decisions import services as decisions
from maillage.decisions.models import Position
from maillage.funding.demo.content import (
    COMMITTEE,
    CRITERIA,
    DECLINED,
    DEMO_YEARS,
    FUND,
    FUNDED,
    OPEN_APPLICATIONS,
    OPEN_CALL,
    PAST_CALL,
    REGIONAL_PART,
    REQUIRED_ATTACHMENTS,
    SECTIONS,
    YEARLY_AMOUNT,
    DemoProject,
)
from maillage.funding.models import (
    Application,
    Call,
    Criterion,
    Envelope,
    Fund,
    Outcome,
    SplitMethod,
    Stream,
)
from maillage.funding.rules import is_excluded, tied_organization_ids
from maillage.funding.selectors.funds import regions, split_territories
from maillage.funding.services import agreements, calls, funds, recommendations, reviews
from maillage.funding.services import applications as applying
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Strategy
from maillage.governance.services import CircleData, circle_create, membership_join
from maillage.network.models import Function, Organization, Person
from maillage.network.services import person_link_invited_account
from maillage.territories.models import Territory

_CONDITIONS = "Rapport d'étape à mi-parcours."
# A tiny but well-formed PDF: the documents the calls ask for.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@contextmanager
def _on(day: dt.datetime) -> Iterator[None]:
    """Run the services as on `day` (a second later at each reading of the clock), so that the
    past call's applications, reviews and decision carry the dates they would have had."""
    start = timezone.make_aware(day) if timezone.is_naive(day) else day
    ticks = itertools.count()
    with mock.patch.object(
        timezone, "now", side_effect=lambda: start + dt.timedelta(seconds=next(ticks))
    ):
        yield


def _applicant(organization: Organization) -> User | None:
    """An account acting for `organization`: the demo member for theirs, else the first person
    of its functions, given an account of their own (a member's, without a password)."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if member is not None and organization.pk in tied_organization_ids(member):
        return member
    function = (
        Function.objects.filter(organization=organization, person__email__gt="")
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if function is None:
        return None
    person: Person = function.person
    if person.user_id is None:
        # An account of the demo's own domain (a member's, without a password), tied to them.
        email = f"{slugify(person.first_name)}.{slugify(person.last_name)}@{DEMO_DOMAIN}"
        account = User.objects.filter(email=email).first() or account_create(
            actor=SYSTEM,
            email=email,
            password=None,
            role=Role.MEMBER,
            first_name=person.first_name,
            last_name=person.last_name,
            verified=True,
        )
        person_link_invited_account(actor=SYSTEM, person=person, user=account, email=email)
        person.refresh_from_db()
    return person.user


def _envelopes(staff: User, fund: Fund) -> None:
    local = Stream.objects.get(key="local")
    regional = Stream.objects.get(key="regional")
    region = regions().first()
    for year in DEMO_YEARS:
        funds.fund_split(
            actor=staff,
            fund=fund,
            stream=local,
            fiscal_year=year,
            amount=YEARLY_AMOUNT,
            method=SplitMethod.POPULATION,
            territories=list(split_territories()),
            regional_percent=REGIONAL_PART,
            region=region,
            regional_stream=regional,
        )


def _committee(staff: User) -> Circle:
    general = Circle.objects.filter(parent__isnull=True).order_by("pk").first()
    committee = circle_create(
        actor=staff,
        data=CircleData(
            name=COMMITTEE["name"],
            purpose=COMMITTEE["purpose"],
            parent=general,
            slug=COMMITTEE["slug"],
            builtin_roles=False,
        ),
    )
    # The staff's person, the demo member (who sits for an applicant: a conflict of interest
    # the analysis shows) and two partners.
    people = list(Person.objects.filter(user__email__in=[STAFF_EMAIL, MEMBER_EMAIL]).order_by("pk"))
    people += list(Person.objects.filter(user__isnull=True).exclude(email="").order_by("pk")[:2])
    for person in people:
        membership_join(actor=staff, person=person, circle=committee)
    return committee


def _call(staff: User, fund: Fund, committee: Circle, *, year: int, **values: Any) -> Call:
    envelopes = Envelope.objects.filter(fund=fund, fiscal_year=year)
    call = calls.call_create(
        actor=staff,
        fund=fund,
        committee=committee,
        max_amount=Decimal("60000.00"),
        project_end_by=FUND["end_date"],
        envelopes=envelopes,
        **values,
    )
    calls.call_grid_set(
        actor=staff,
        call=call,
        sections=[
            calls.SectionData(title=title, help_text=help_text, required=required, key=key)
            for key, title, help_text, required in SECTIONS
        ],
        attachments=[
            calls.AttachmentData(title=title, description=description)
            for title, description in REQUIRED_ATTACHMENTS
        ],
        criteria=[
            calls.CriterionData(title=title, weight=Decimal(weight), scale_max=scale)
            for title, weight, scale in CRITERIA
        ],
    )
    return calls.call_transition(actor=staff, call=call, step="publish")


def _write(project: DemoProject, call: Call, *, submit: bool) -> Application | None:
    organization = Organization.objects.filter(name=project.organization).first()
    applicant = _applicant(organization) if organization else None
    if organization is None or applicant is None:
        return None
    application = applying.application_start(
        actor=applicant, call=call, organization=organization, title=project.title
    )
    territory = Territory.objects.filter(code=project.territory).first() or regions().first()
    start = timezone.localdate() + dt.timedelta(days=60)
    applying.application_save(
        actor=applicant,
        application=application,
        data=applying.ApplicationData(
            title=project.title,
            summary=project.summary,
            amount_requested=project.amount,
            start_date=start,
            end_date=start + dt.timedelta(days=330),
            populations="Personnes et familles à faible revenu du territoire.",
            answers={key: project.answers.get(key, "") for key, *_rest in SECTIONS},
            territories=[territory] if territory else [],
            strategies=list(Strategy.objects.filter(key__in=project.strategies)),
            budget=[
                applying.BudgetItem(
                    "salaries", "Animation et coordination", project.amount * 3 / 4
                ),
                applying.BudgetItem(
                    "activities", "Activités avec les participants", project.amount / 4
                ),
            ],
            other_funding=[
                applying.FundingItem(
                    "Contribution du milieu (en services)", Decimal("5000"), "confirmed"
                )
            ],
        ),
        version=None,
    )
    if not submit:
        return application
    for required in call.required_attachments.order_by("position"):
        applying.attachment_add(
            actor=applicant,
            application=application,
            upload=SimpleUploadedFile("document.pdf", _PDF, content_type="application/pdf"),
            title=required.title,
            required=required,
        )
    return applying.application_submit(actor=applicant, application=application)


def _analyse(staff: User, committee: Circle, applications: list[Application]) -> None:
    """Screen, assign the committee, and score each application (a member in conflict with an
    applicant is excluded from it and scores nothing)."""
    members = list(User.objects.filter(person__memberships__circle=committee).distinct())
    for index, application in enumerate(applications):
        envelope = (
            Envelope.objects.filter(
                calls=application.call, territory__in=application.territories.all()
            ).first()
            or application.call.envelopes.order_by("pk").first()
        )
        reviews.screening_record(
            actor=staff,
            application=application,
            checks=[
                {"key": "territoire", "label": "Projet dans la région", "ok": True},
                {"key": "echeance", "label": "Se termine avant le 31 mars 2029", "ok": True},
            ],
            eligible=True,
            envelope=envelope,
        )
        application.refresh_from_db()
        reviews.reviewers_assign(actor=staff, application=application, reviewers=members)
        criteria = Criterion.objects.filter(call=application.call).order_by("position")
        for offset, reviewer in enumerate(members):
            if is_excluded(reviewer, application):
                continue
            reviews.review_submit(
                actor=reviewer,
                application=application,
                scores={c.pk: 5 - (index + offset + c.position) % 3 for c in criteria},
                comment="Projet bien ancré dans son milieu.",
            )


def _decide(
    staff: User, call: Call, funded: list[Application], declined: list[Application]
) -> None:
    recommendation = recommendations.recommendation_prepare(
        actor=staff,
        call=call,
        lines=[
            *(
                recommendations.LineData(
                    a,
                    Outcome.ACCEPT,
                    a.amount_requested,
                    conditions=_CONDITIONS,
                )
                for a in funded
            ),
            *(
                recommendations.LineData(
                    a,
                    Outcome.DECLINE,
                    reasons="Le projet rejoint peu les personnes en situation de pauvreté.",
                )
                for a in declined
            ),
        ],
    )
    process = recommendation.process
    assert process is not None  # a recommendation is always put to its committee
    for step in ("present", "open_clarifying", "open_reactions"):
        process = decisions.process_transition(actor=SYSTEM, process=process, transition=step)
    process = decisions.process_transition(
        actor=SYSTEM,
        process=process,
        transition="open_consent",
        deadline=timezone.now() + dt.timedelta(hours=2) if process.mode == "async" else None,
    )
    # The committee meets and consents: the facilitator records each member's answer.
    for person in Person.objects.filter(memberships__circle=call.committee).distinct():
        decisions.answer_give(
            actor=staff, process=process, position=Position.CONSENT, person=person
        )
    decisions.consent_round_close(actor=SYSTEM, process=process)


def _agree(staff: User, application: Application) -> None:
    application.refresh_from_db()
    granted = application.amount_granted
    if application.state != "accepted" or granted is None:
        return
    first = (granted * Decimal("0.8")).quantize(Decimal("0.01"))
    agreement = agreements.agreement_create(
        actor=staff,
        application=application,
        start_date=dt.date(2025, 10, 1),
        end_date=dt.date(2026, 9, 30),
        conditions=application.conditions,
        signatories=[
            agreements.SignatoryData("Coordination du Collectif", "Collectif régional"),
            agreements.SignatoryData("Direction générale", application.organization.name),
        ],
        instalments=[
            agreements.InstalmentData(first, dt.date(2025, 10, 15)),
            agreements.InstalmentData(
                granted - first, dt.date(2026, 11, 1), condition_report="final"
            ),
        ],
        reports=[
            agreements.ReportData("progress", dt.date(2026, 3, 31)),
            agreements.ReportData("final", dt.date(2026, 10, 31)),
        ],
    )
    agreements.agreement_sign(actor=staff, agreement=agreement, signed_on=dt.date(2025, 10, 3))
    agreements.agreement_activate(actor=staff, agreement=agreement)
    payment = agreement.payments.get(position=1)
    agreements.payment_approve(actor=staff, payment=payment)
    agreements.payment_pay(actor=staff, payment=payment, paid_on=dt.date(2025, 10, 15))


def load(*, stdout: Any) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        stdout.write("No demo staff account: the funding demo is skipped.")
        return
    if Fund.objects.filter(name=FUND["name"]).exists():
        return
    with transaction.atomic():
        fund = funds.fund_create(
            actor=staff,
            name=FUND["name"],
            funder=FUND["funder"],
            description=FUND["description"],
            start_date=FUND["start_date"],
            end_date=FUND["end_date"],
            total=FUND["total"],
            split_method=SplitMethod.POPULATION,
        )
        _envelopes(staff, fund)
        committee = _committee(staff)
        past_year = PAST_CALL["year"]
        with _on(dt.datetime(past_year, 4, 14, 10)):
            past = _call(
                staff,
                fund,
                committee,
                year=past_year,
                title=PAST_CALL["title"],
                summary=PAST_CALL["summary"],
                opens_on=PAST_CALL["opens_on"],
                closes_at=timezone.make_aware(PAST_CALL["closes_at"]),
                decisions_expected_on=PAST_CALL["decisions_expected_on"],
            )
        with _on(dt.datetime(past_year, 5, 20, 9)):
            funded = [a for p in FUNDED if (a := _write(p, past, submit=True))]
            declined = [a for p in DECLINED if (a := _write(p, past, submit=True))]
        with _on(dt.datetime(past_year, 6, 16, 9)):
            calls.calls_close_due()
        with _on(dt.datetime(past_year, 7, 8, 9)):
            _analyse(staff, committee, funded + declined)
        with _on(dt.datetime(past_year, 9, 23, 19)):
            _decide(staff, past, funded, declined)
        with _on(dt.datetime(past_year, 10, 16, 10)):
            for application in funded:
                _agree(staff, application)
        today = timezone.localdate()
        current = _call(
            staff,
            fund,
            committee,
            year=OPEN_CALL["year"],
            title=OPEN_CALL["title"],
            summary=OPEN_CALL["summary"],
            opens_on=today - dt.timedelta(days=20),
            closes_at=timezone.make_aware(
                dt.datetime.combine(today + dt.timedelta(days=40), dt.time(16))
            ),
            decisions_expected_on=today + dt.timedelta(days=100),
        )
        for project, submitted in OPEN_APPLICATIONS:
            _write(project, current, submit=submitted)
    stdout.write(
        f"Funding demo: {fund.name}, {Envelope.objects.filter(fund=fund).count()} envelopes, "
        f"{Application.objects.filter(call__fund=fund).count()} applications."
    )
