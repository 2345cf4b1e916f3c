"""Anonymizing an account for good: the person becomes "Personne anonymisée n" everywhere, their
contact details are removed, and the collective's records stay whole (a vote still counts, a
decision keeps its text, a funding file its amounts). Nothing is kept to undo it.

Three passes, in one transaction:
1. every app's anonymizer (`core.personal.anonymize_everywhere`, the upper apps first), which
   knows its own records;
2. the account itself: the pseudonym as its name, an address that receives nothing, no
   password, inactive, its confirmed addresses, second factors and sessions deleted;
3. a generic sweep over every text column of every installed model (the audit log and Wagtail's
   revisions included): wherever the person's full name, one of their addresses or their
   telephone still occurs (a name typed in minutes, a copy in an event's details), it is
   rewritten with the pseudonym. It catches what no anonymizer knew of.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit, personal
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.privacy.models import DataCopy, PseudonymCounter
from maillage.privacy.verbs import AnonymizationVerb

PSEUDONYM = "Personne anonymisée {number}"
ANONYMOUS_DOMAIN = "anonyme.invalid"
# A name shorter than this (a first name alone) is too common to be rewritten everywhere.
NAME_MIN = 5
# A telephone with fewer digits would match dates and amounts.
PHONE_MIN_DIGITS = 7
PHONE_FIELD = re.compile(r"(^|_)(phone|telephone|mobile)($|_)")
TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField)


def is_anonymized(account: User) -> bool:
    return account.email.endswith("@" + ANONYMOUS_DOMAIN)


def _next_number() -> int:
    # One row, locked: two anonymizations at once never get the same number.
    counter = PseudonymCounter.objects.select_for_update().order_by("pk").first()
    if counter is None:
        counter = PseudonymCounter.objects.create(last=0)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@dataclass(frozen=True)
class Traces:
    """What identifies the person in free text: their full names, addresses and telephones."""

    names: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]

    def terms(self) -> list[str]:
        # Addresses first: "marie.tremblay@…" goes whole before a name could split it.
        return [
            *sorted(self.emails, key=len, reverse=True),
            *sorted(self.phones, key=len, reverse=True),
            *sorted(self.names, key=len, reverse=True),
        ]


def traces(account: User) -> Traces:
    """The account's name and addresses, and those of every record tied one-to-one to it (the
    network's person: its own spelling of the name, its address and telephone)."""
    from allauth.account.models import EmailAddress

    names = {account.get_full_name()}
    addresses = EmailAddress.objects.filter(user=account).values_list("email", flat=True)
    emails = {account.email, *addresses}
    phones: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not (isinstance(field, models.OneToOneField) and field.related_model is User):
                continue
            names_of = [f.name for f in model._meta.concrete_fields]
            for row in model._base_manager.filter(**{field.name: account}).values():
                if "first_name" in names_of and "last_name" in names_of:
                    names.add(f"{row['first_name']} {row['last_name']}")
                for name in names_of:
                    if name == "email" or name.endswith("_email"):
                        emails.add(row[name] or "")
                    elif PHONE_FIELD.search(name):
                        phones.add(row[name] or "")
    names = {n.strip() for n in names}
    phones = {p.strip() for p in phones if sum(c.isdigit() for c in p) >= PHONE_MIN_DIGITS}
    return Traces(
        names=frozenset(n for n in names if len(n) >= NAME_MIN and " " in n),
        emails=frozenset(e.strip() for e in emails if "@" in e),
        phones=frozenset(phones - _shared_phones(account, phones)),
    )


def _shared_phones(account: User, phones: set[str]) -> set[str]:
    """The telephones another record also holds (an organization's switchboard, a colleague's
    office line): not the person's alone, so what others wrote with it stays as it is. The
    person's own records lose it all the same (their app's anonymizer empties the column)."""
    if not phones:
        return set()
    shared: set[str] = set()
    for model in _swept_models():
        fields = model._meta.concrete_fields
        columns = [
            f.attname
            for f in fields
            if isinstance(f, models.CharField) and PHONE_FIELD.search(f.name)
        ]
        mine = [
            f.name
            for f in fields
            if isinstance(f, models.OneToOneField) and f.related_model is User
        ]
        for column in columns:
            others = model._base_manager.filter(**{f"{column}__in": phones})
            for name in mine:
                others = others.exclude(**{name: account})
            shared.update(value.strip() for value in others.values_list(column, flat=True))
    return shared


def _rewrite(text: str, found: Traces, pseudonym: str, *, email_field: bool = False) -> str:
    for term in found.terms():
        # An address column keeps an address: the pseudonym's own, which receives nothing.
        replacement = pseudonym
        if email_field and term in found.emails:
            replacement = _anonymous_email(pseudonym)
        # Found by position, not `re.sub`'s template, so that nothing in it is read as a group.
        text = _replace(text, term, replacement)
    return text


def _replace(text: str, term: str, replacement: str) -> str:
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    return pattern.sub(lambda _match: replacement, text)


def _anonymous_email(pseudonym: str) -> str:
    return f"anonyme-{pseudonym.rsplit(' ', 1)[-1]}@{ANONYMOUS_DOMAIN}"


def _swept_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def sweep(found: Traces, pseudonym: str) -> int:
    """Rewrite every text column where a trace occurs; returns how many rows changed. Each
    column is searched by the database (`icontains`, one query per column), then each row found
    is rewritten in Python and saved alone (`QuerySet.update`, no signal, no `save()`)."""
    terms = found.terms()
    if not terms:
        return 0
    changed = 0
    for model in _swept_models():
        manager = model._base_manager
        for field in model._meta.concrete_fields:
            if field.primary_key or field.is_relation:
                continue
            if isinstance(field, models.JSONField):
                changed += _sweep_json(manager, field.attname, found, pseudonym)
            elif isinstance(field, TEXT_FIELDS):
                query = Q()
                for term in terms:
                    query |= Q(**{f"{field.attname}__icontains": term})
                email_field = isinstance(field, models.EmailField)
                for pk, value in manager.filter(query).values_list("pk", field.attname):
                    new = _rewrite(value, found, pseudonym, email_field=email_field)
                    if new != value:
                        manager.filter(pk=pk).update(**{field.attname: new})
                        changed += 1
    return changed


def _sweep_json(manager: Any, name: str, found: Traces, pseudonym: str) -> int:
    """A JSON column, searched as its text: SQLite keeps non-ASCII letters escaped ("\\u00e9"),
    PostgreSQL as they are, so both spellings are looked for."""
    query = Q()
    for term in found.terms():
        query |= Q(_swept_text__icontains=term)
        escaped = json.dumps(term)[1:-1]
        if escaped != term:
            query |= Q(_swept_text__icontains=escaped)
    rows = (
        manager.annotate(_swept_text=Cast(name, models.TextField()))
        .filter(query)
        .values_list("pk", name)
    )
    changed = 0
    for pk, value in rows:
        text = json.dumps(value, ensure_ascii=False)
        new = _rewrite(text, found, pseudonym)
        if new != text:
            manager.filter(pk=pk).update(**{name: json.loads(new)})
            changed += 1
    return changed


def _end_sessions(account: User) -> None:
    """Delete the account's sessions kept in the database. Sessions kept elsewhere (a cache)
    end anyway: Django checks each session against the password, which is gone."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return
    from django.contrib.sessions.models import Session

    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(account.pk)
    ]
    Session.objects.filter(pk__in=mine).delete()


@transaction.atomic
def account_anonymize(*, actor: Actor, account: User, remove_texts: bool = False) -> str:
    """Anonymize `account` for good (see the module); returns its pseudonym. With
    `remove_texts`, the apps also remove the free texts the person wrote."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    require(actor, "privacy.anonymize_account")
    account = User.objects.select_for_update().get(pk=account.pk)
    if is_anonymized(account):
        raise ValidationError(_("This account is already anonymized."))
    found = traces(account)
    number = _next_number()
    pseudonym = PSEUDONYM.format(number=number)
    personal.anonymize_everywhere(
        account=account, pseudonym=pseudonym, actor=actor, remove_texts=remove_texts
    )
    account.refresh_from_db()
    account.first_name, account.last_name = pseudonym.rsplit(" ", 1)
    account.email = _anonymous_email(pseudonym)
    account.set_unusable_password()
    account.is_active = False
    account.save()
    EmailAddress.objects.filter(user=account).delete()
    Authenticator.objects.filter(user=account).delete()
    # A copy of the person's data would keep everything the anonymization removed.
    DataCopy.objects.filter(account=account).delete()
    _end_sessions(account)
    rows = sweep(found, pseudonym)
    # Written last, after the sweep: it names only the pseudonym.
    audit.record(
        actor=actor,
        verb=AnonymizationVerb.ANONYMIZED,
        target=account,
        payload={"pseudonym": pseudonym, "remove_texts": remove_texts, "rows_rewritten": rows},
    )
    return pseudonym
