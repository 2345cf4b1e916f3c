"""Scale data: the kernel of `manage.py generate_scale_data` and the core's share of it.

Each app that has scale data offers `scale.generate(*, run: ScaleRun)`, which writes N times its
demo through bulk operations (no services, no audit events: the rows are fictional and many), and
may offer `scale.real_data() -> list[str]`, what in its tables is not demonstration data. The
command calls them in `INSTALLED_APPS` order, lower layers first; an app reads what the apps below
it generated through the run's `batch` tag, which every generated slug and e-mail carries.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.roles import Role

# Every demonstration account is under this domain (`load_demo` creates its five accounts there).
DEMO_DOMAIN = "demo.maillage.local"
# Generated people's addresses: a domain that reaches nobody.
PEOPLE_DOMAIN = "exemple.org"
# Organizations of the demo and of the scale data say so in their name, on every page and export.
FICTIONAL = "(fictif)"
BATCH_SIZE = 1000

# Fictional people are named from common Québec first and last names, mixed at random.
FIRST_NAMES = (  # noqa: SIM905 (a list of names is easier to read as one text)
    "Alexandre Amélie Anne Antoine Audrey Benoît Camille Caroline Catherine Charles Chloé "
    "Claude Daniel Denis Diane Dominique Élise Émile Émilie Éric Étienne Florence France "
    "François Gabriel Geneviève Guillaume Hélène Hugo Isabelle Jacques Jasmine Jean Jérôme "
    "Josée Julie Julien Karine Laurence Laurent Léa Louis Louise Lucie Manon Marc Marie "
    "Martin Mathieu Maxime Mélanie Michel Nathalie Nicolas Olivier Pascale Patrick Philippe "
    "Pierre Raphaël Rémi Richard Rosalie Samuel Sandrine Simon Sophie Stéphane Suzanne Sylvie "
    "Thomas Valérie Véronique Vincent William Yves Zoé"
).split()
LAST_NAMES = (  # noqa: SIM905 (a list of names is easier to read as one text)
    "Arsenault Beaudoin Bélanger Bergeron Bernier Bilodeau Blais Bouchard Boucher Boudreau "
    "Brassard Caron Chabot Champagne Charest Côté Cloutier Cormier Cyr Demers Desjardins "
    "Dionne Dion Drolet Dubé Dufour Dumont Dupuis Fortin Fournier Gagné Gagnon Gauthier "
    "Gélinas Gervais Gilbert Girard Gosselin Goulet Grenier Guay Hamel Hébert Houle Jobin "
    "Labbé Lachance Lacroix Lajoie Lambert Langlois Lapointe Larouche Lavoie Leblanc Leclerc "
    "Lefebvre Lemieux Lepage Lessard Lévesque Maltais Martel Mercier Michaud Morin Nadeau "
    "Ouellet Paquet Paradis Pelletier Perron Poirier Poulin Proulx Roy Savard Simard "
    "St-Pierre Tardif Tremblay Turcotte Vachon Villeneuve"
).split()


@dataclass
class ScaleRun:
    """One run of the generator: its factor, its random source (seeded: the same seed gives the
    same data) and its `batch` tag ("e1", "e2"…), which marks every row it writes."""

    factor: int
    rng: random.Random
    stdout: Any
    batch: str
    today: date

    def tag(self, text: str, index: int) -> str:
        """A unique slug: `text` made a slug, followed by the batch and the row's number."""
        return f"{slugify(text)[:160].rstrip('-')}-{self.batch}-{index}"

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def person_name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def report(self, counts: dict[type[models.Model], int]) -> None:
        """One line: how many rows of each model the app wrote (in the active language)."""
        self.stdout.write(
            "  "
            + ", ".join(
                f"{value} {model._meta.verbose_name_plural}" for model, value in counts.items()
            )
        )


def bulk[M: models.Model](model: type[M], rows: Iterable[M]) -> list[M]:
    """Insert `rows` in batches; on PostgreSQL and SQLite the returned rows carry their ids."""
    return model._default_manager.bulk_create(list(rows), batch_size=BATCH_SIZE)


def link(relation: Any, pairs: Iterable[tuple[int, int]]) -> int:
    """Fill a many-to-many relation (`Model.field`) with (source id, target id) pairs, through
    its table; pairs already there are skipped."""
    field = relation.field
    through = relation.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(rows)


def sample[T](rng: random.Random, items: Sequence[T], low: int, high: int) -> list[T]:
    """Between `low` and `high` distinct items of `items` (fewer when there are fewer)."""
    return rng.sample(list(items), min(len(items), rng.randint(low, high)))


def next_batch() -> str:
    """The tag of the next run: each run adds its own rows, numbered after the earlier runs'."""
    used = [
        int(match.group(1))
        for email in User.objects.filter(email__startswith="membre-e").values_list(
            "email", flat=True
        )
        if (match := re.match(r"membre-e(\d+)-", email))
    ]
    return f"e{max(used, default=0) + 1}"


def is_demo_email(email: str) -> bool:
    return email.lower().endswith((f"@{DEMO_DOMAIN}", f"@{PEOPLE_DOMAIN}"))


def real_data() -> list[str]:
    """Accounts outside the demonstration's domain: someone real uses this platform."""
    accounts = User.objects.exclude(email__iendswith=f"@{DEMO_DOMAIN}")
    found = accounts.count()
    if not found:
        return []
    example = accounts.order_by("pk").values_list("email", flat=True).first()
    return [
        _("%(count)d account(s) outside %(domain)s (e.g. %(example)s)")
        % {"count": found, "domain": DEMO_DOMAIN, "example": example}
    ]


# The core's share: a few member accounts per unit of factor, which the network gives a person.
ACCOUNTS_PER_FACTOR = 2


def generate(*, run: ScaleRun) -> None:
    users = bulk(
        User,
        (
            User(
                email=f"membre-{run.batch}-{index}@{DEMO_DOMAIN}",
                first_name=first,
                last_name=last,
                role=Role.MEMBER,
                # Nobody logs in as them: the demo's own accounts do (password on the console).
                password=make_password(None),
                date_joined=timezone.now(),
            )
            for index, (first, last) in enumerate(
                run.person_name() for _ in range(ACCOUNTS_PER_FACTOR * run.factor)
            )
        ),
    )
    run.report({User: len(users)})
