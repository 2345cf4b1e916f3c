"""One search over the platform: the words a person types, the rows that hold them.

Each app exposes a `search(*, viewer, query)` selector that returns `Group`s (one per kind of
result: circles, organizations, …) already narrowed to what the viewer may see; the public site
merges them with its pages. This module is what they share:

- `terms(query)`: the words worth looking for (punctuation, syntax and French stop words left out),
  so that any text typed is searched, never parsed;
- `Matches(fields, terms, stored=…)`: a condition true for a row whose fields hold every term
  at the start of a word ("habit" finds "Habitation"), accents and plurals ignored:
  - on PostgreSQL, full-text search with the `maillage_french` configuration (French stemming,
    and `unaccent` when the extension could be installed: see `ensure_postgres_configuration`),
    read from the document the database keeps in each row (`stored`: a generated column with a
    GIN index, `postgres_document` in the apps' migrations);
  - on SQLite, a function of ours (`maillage_match`, registered on every connection) that compares
    folded words: lowercase, accents stripped, a French plural mark dropped ("Chantiers" →
    "chantier", "sociaux" → "social");
- `Hit` and `Group`: what a page shows of a result, read lazily so that a page reads only the rows
  it shows, in a fixed number of queries.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core import checks
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, connections, migrations, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Count, Expression, F, QuerySet, Window
from django.db.models.sql.compiler import SQLCompiler
from django.utils.functional import Promise
from django.utils.text import Truncator

# PostgreSQL's text search configuration: French stemming, accents stripped.
CONFIG = "maillage_french"
SQLITE_FUNCTION = "maillage_match"

MAX_TERMS = 10
MAX_TERM_LENGTH = 60
SNIPPET_WORDS = 30
# The column in which PostgreSQL keeps a row's search document (`postgres_document`).
DOCUMENT_COLUMN = "search_document"

# Letters and digits: everything else (quotes, stars, brackets, hyphens, NUL) separates words and
# is never search syntax. Underscores too, though regular expressions count them as letters.
_WORD = re.compile(r"[^\W_]+")

# Words too common to search for (articles, pronouns, prepositions; elided "l'", "d'"), folded;
# PostgreSQL's French configuration leaves them out as well.
# fmt: off
STOP_WORDS = frozenset({
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c",
    "d", "j", "l", "a", "m", "n", "s", "t", "y", "est", "sont",
})
# fmt: on


# -- words ----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """`text` in lowercase, without accents or ligatures: "Œuvre Sociale" → "oeuvre sociale"."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def singular(word: str) -> str:
    """A folded French word without its plural mark: "chantiers" → "chantier", "sociaux" →
    "social", "bureaux" → "bureau". Both sides of a comparison go through it, so a word it gets
    wrong ("travaux") still finds itself."""
    if len(word) > 4 and word.endswith("aux") and not word.endswith("eaux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def terms(query: str) -> list[str]:
    """The words of `query` worth searching for, as typed (lowercase), each once: at most
    `MAX_TERMS`, stop words left out."""
    found: dict[str, str] = {}
    for word in _WORD.findall(query.lower()):
        folded = fold(word)
        if folded in STOP_WORDS or folded in found:
            continue
        found[folded] = word[:MAX_TERM_LENGTH]
        if len(found) == MAX_TERMS:
            break
    return list(found.values())


def variants(term: str, *, stemmed: bool = False) -> list[str]:
    """A term and its other number ("chantier" → chantier, chantiers, chantierx), for a search
    engine that compares whole words (Wagtail's, for the site's pages). An engine that `stemmed`
    them (PostgreSQL) needs only the singular, which its French stemmer may not find itself
    ("emplois")."""
    base = singular(fold(term))
    if stemmed:
        return list(dict.fromkeys([term, singular(term)]))
    forms = [term, base, base + "s", base + "x"]
    if base.endswith("al"):
        forms.append(base[:-2] + "aux")
    return list(dict.fromkeys(forms))


@functools.lru_cache(maxsize=20_000)
def _folded_words(document: str) -> str:
    # Every word of a row, each after a space: " cercle habitation". Rows come back with every
    # search, so their folding is kept (per process, bounded).
    return "".join(" " + singular(word) for word in _WORD.findall(fold(document)))


def _sqlite_match(document: str | None, folded_terms: str | None) -> int:
    """1 when every term (folded, singular, separated by spaces) begins a word of `document`."""
    if not document or not folded_terms:
        return 0
    words = _folded_words(document)
    return int(all(" " + term in words for term in folded_terms.split()))


def register_sqlite_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: SQLite learns `maillage_match` on every new connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 2, _sqlite_match, deterministic=True)


# -- the condition --------------------------------------------------------------------------------


def document_sql(columns: Sequence[str]) -> str:
    """PostgreSQL's search document of `columns` (SQL already quoted). The query and the index
    write it the same way, literals inline, so that the planner finds the index."""
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


def tsquery(words: Sequence[str]) -> str:
    """Every word, each as the beginning of a word: "cercle:* & habit:*". The words hold only
    letters and digits (`terms`), so none is tsquery syntax."""
    return " & ".join(f"{word}:*" for word in words)


class Matches(Expression):
    """True for a row whose `fields` hold every one of `words` (from `terms`), each at the start of
    a word, accents and plurals ignored. Use it in `filter()`."""

    conditional = True

    def __init__(
        self, fields: Sequence[str], words: Sequence[str], *, stored: str | None = None
    ) -> None:
        super().__init__(output_field=BooleanField())
        self.fields: list[Any] = [F(name) for name in fields]
        self.words = tuple(words)
        # On PostgreSQL, the column (`postgres_document`) holding the document of `fields`.
        self.stored = stored

    def get_source_expressions(self) -> list[Any]:
        return self.fields

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.fields = list(exprs)

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[Any, ...]]:
        columns: list[str] = []
        params: list[Any] = []
        for field in self.fields:
            sql, field_params = compiler.compile(field)
            columns.append(sql)
            params.extend(field_params)
        if not self.words:
            return "1 = 0", ()
        if connection.vendor == "postgresql":
            # French stemming keeps the "s" after a vowel ("emplois"): the singular, as the
            # beginning of a word, finds both numbers.
            query = f"to_tsquery('{CONFIG}'::regconfig, %s)"
            words = [singular(word) for word in self.words]
            if self.stored is not None:
                # The row's own document: read from its index and rechecked as it is, without
                # stemming and unaccenting the row's text again.
                alias = getattr(self.fields[0], "alias", None)
                names = (alias, self.stored) if alias else (self.stored,)
                document = ".".join(map(compiler.quote_name, names))
                return f"{document} @@ {query}", (tsquery(words),)
            return f"{document_sql(columns)} @@ {query}", (*params, tsquery(words))
        folded = " ".join(singular(fold(word)) for word in self.words)
        document = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
        return f"{SQLITE_FUNCTION}({document}, %s)", (*params, folded)


# -- PostgreSQL: the configuration and the indexes ---------------------------------------------


def ensure_postgres_configuration(connection: BaseDatabaseWrapper) -> bool:
    """Create `maillage_french` (a copy of French) if missing, and strip accents in it when the
    `unaccent` extension is there or can be created. True when accents are stripped.

    Without the right to create the extension, search still stems French words but tells "é"
    from "e"; the database check `core.W010` says so and how to fix it."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError:
            pass
        cursor.execute(
            "SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND pg_ts_config_is_visible(oid)",
            [CONFIG],
        )
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french)")
        cursor.execute(
            "SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent' AND pg_ts_dict_is_visible(oid)"
        )
        if cursor.fetchone() is None:
            return False
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
        )
        return True


def _configure(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        ensure_postgres_configuration(schema_editor.connection)


def postgres_configuration() -> migrations.RunPython:
    """The migration operation that creates the configuration (nothing on SQLite)."""
    return migrations.RunPython(_configure, migrations.RunPython.noop, elidable=False)


def postgres_index(table: str, columns: Sequence[str]) -> migrations.RunPython:
    """The migration operation that adds, on PostgreSQL only, a GIN index of the search document
    of `columns`: `Matches` over the same columns, in the same order, then reads the index
    instead of every row. Superseded by `postgres_document` (kept for the migrations that
    use it)."""
    name = f"{table}_search"[:63]

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        document = document_sql([quote(column) for column in columns])
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({document})"
        )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(forwards, backwards, elidable=False)


def postgres_document(
    table: str,
    columns: Sequence[str],
    *,
    column: str = DOCUMENT_COLUMN,
    replaces_index: str | None = None,
) -> migrations.RunPython:
    """The migration operation that stores, on PostgreSQL only, the search document of `columns`
    in each row of `table`: a `tsvector` column the database generates whenever those columns
    change (never a field of the model, so the ORM and SQLite ignore it), with a GIN index
    (`<table>_<column>`). `Matches(fields, words, stored=column)` over the same columns, in the
    same order, reads it; `replaces_index` names a former index of the expression
    (`postgres_index`) to drop, made again backwards.

    PostgreSQL refuses to change the type of a column a generated one reads: a migration that
    alters one of `columns` drops the document first (this operation's backwards) and stores it
    again after."""
    quoted_columns = [f'"{name}"' for name in columns]
    document = document_sql(quoted_columns)
    index = f"{table}_{column}"[:63]

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {quote(column)} tsvector "
            f"GENERATED ALWAYS AS ({document}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index)} ON {quote(table)} "
            f"USING gin ({quote(column)})"
        )
        if replaces_index is not None:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(replaces_index)}")

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {quote(column)}")
        if replaces_index is not None:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(replaces_index)} ON {quote(table)} "
                f"USING gin ({document})"
            )

    return migrations.RunPython(forwards, backwards, elidable=False)


@checks.register(checks.Tags.database)
def check_postgres_configuration(
    app_configs: Any = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """core.W010: on PostgreSQL, the search configuration exists but cannot strip accents."""
    messages: list[checks.CheckMessage] = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_ts_config_map m"
                " JOIN pg_ts_config c ON c.oid = m.mapcfg"
                " JOIN pg_ts_dict d ON d.oid = m.mapdict"
                " WHERE c.cfgname = %s AND d.dictname = 'unaccent'),"
                " EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = %s)",
                [CONFIG, CONFIG],
            )
            stripped, exists = cursor.fetchone() or (False, False)
        # Before the first migration, the configuration does not exist yet: nothing to say.
        if exists and not stripped:
            messages.append(
                checks.Warning(
                    "Search tells accented letters apart: PostgreSQL's unaccent extension is "
                    "missing.",
                    hint=(
                        "As a superuser: CREATE EXTENSION unaccent; then ALTER TEXT SEARCH "
                        f"CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH "
                        "unaccent, french_stem; then REINDEX DATABASE and manage.py update_index."
                    ),
                    id="core.W010",
                )
            )
    return messages


# -- results --------------------------------------------------------------------------------------


def snippet(text: str, words: int = SNIPPET_WORDS) -> str:
    """The beginning of a long text, cut at a word."""
    return Truncator(" ".join(text.split())).words(words, truncate="…")


@dataclass(frozen=True)
class Hit:
    """A result as a page shows it."""

    title: str
    url: str
    snippet: str = ""
    context: str = ""  # where it belongs: a policy's circle, a person's organization


@dataclass(frozen=True)
class Preview:
    """The first hits of a group and how many there are in all: plain values, so that a page may
    keep it (`site.selectors.search_previews`)."""

    kind: str
    label: Promise | str
    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class Group:
    """One kind of result of a search, for one viewer: `rows` already holds only what the viewer
    may see, in the order shown; nothing is read until a page asks for a preview or a page.

    `rows` is a QuerySet, or any sequence with `count()` and slices (Wagtail's search results)."""

    kind: str  # stable key, in the address of the group's own pages
    label: Promise | str  # plural: "Circles"
    rows: Any
    hit: Callable[[Any], Hit]

    def preview(self, limit: int) -> Preview:
        """The first `limit` hits and the total: one query for a QuerySet (the total rides along
        as a window count), two otherwise."""
        if isinstance(self.rows, QuerySet):
            rows = list(self.rows.annotate(search_total=Window(Count("*")))[:limit])
            total = rows[0].search_total if rows else 0
        else:
            rows = list(self.rows[:limit])
            total = self.rows.count()
        return Preview(self.kind, self.label, [self.hit(row) for row in rows], total)

    def page(self, number: Any, per_page: int) -> Page[Hit]:
        """One page of hits (two queries: the count and the rows)."""
        page: Page[Any] = Paginator(self.rows, per_page).get_page(number)
        page.object_list = [self.hit(row) for row in page.object_list]
        return page
