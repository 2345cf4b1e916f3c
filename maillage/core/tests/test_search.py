"""The search kernel: words, the condition on both databases, groups read lazily, and
PostgreSQL's configuration."""

import pytest
from django.core.paginator import Page
from django.db import connection

from maillage.core import search
from maillage.core.models import User
from maillage.core.tests.factories import UserFactory


def test_fold_lowers_and_strips_accents_and_ligatures():
    assert search.fold("Œuvre SOCIALE à Lévis, Ælle") == "oeuvre sociale a levis, aelle"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("chantiers", "chantier"),
        ("sociaux", "social"),
        ("bureaux", "bureau"),
        ("habitation", "habitation"),
        ("des", "des"),  # too short to be a plural
    ],
)
def test_singular_drops_a_french_plural_mark(word, expected):
    assert search.singular(word) == expected


def test_terms_keep_words_once_without_syntax_or_stop_words():
    typed = "Le « chantier » de l'Habitation; (chantier) NEAR * x_z NUL\x00"
    assert search.terms(typed) == ["chantier", "habitation", "near", "x", "z", "nul"]


def test_terms_are_bounded_in_number_and_length():
    assert len(search.terms(" ".join(f"mot{n}" for n in range(50)))) == search.MAX_TERMS
    assert search.terms("a" * 500) == ["a" * search.MAX_TERM_LENGTH]
    assert search.terms("le la des « » !") == []


def test_variants_give_both_numbers():
    assert {"chantier", "chantiers"} <= set(search.variants("chantier"))
    assert {"social", "sociaux"} <= set(search.variants("sociaux"))
    # A stemming engine needs only the singular its stemmer would miss.
    assert search.variants("emplois", stemmed=True) == ["emplois", "emploi"]
    assert search.variants("chantier", stemmed=True) == ["chantier"]


def test_a_snippet_cuts_a_long_text_at_a_word():
    assert search.snippet("un  deux\ntrois quatre", words=2) == "un deux…"


# -- the condition, on the test database (SQLite in `make test`, PostgreSQL in `make test-pg`) --


def names(query: str) -> list[str]:
    found = User.objects.filter(search.Matches(("first_name", "last_name"), search.terms(query)))
    return sorted(found.values_list("last_name", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chantier", ["Chantier", "Chantiers"]),  # singular finds plural
        ("chantiers", ["Chantier", "Chantiers"]),  # plural finds singular
        ("HELENE", ["Chantier"]),  # accents and case ignored
        ("hélène chantier", ["Chantier"]),  # every word, in any field
        ("Développement", ["Chantiers"]),
        ("dével", ["Chantiers"]),  # the beginning of a word
        ("velop", []),  # not the middle of one
        ("hélène gagnon", []),  # every word must be found
    ],
)
def test_matches_ignores_accents_plurals_and_case(query, expected):
    UserFactory(first_name="Hélène", last_name="Chantier")
    UserFactory(first_name="developpement", last_name="Chantiers")
    UserFactory(first_name="Autre", last_name="Personne")
    assert names(query) == expected


@pytest.mark.django_db
def test_matches_nothing_without_words():
    UserFactory(first_name="Hélène", last_name="Chantier")
    assert names("« le »") == []


# -- groups --------------------------------------------------------------------------------------


def group(query: str) -> search.Group:
    rows = User.objects.filter(
        search.Matches(("first_name", "last_name"), search.terms(query))
    ).order_by("last_name")
    return search.Group(
        kind="users",
        label="Users",
        rows=rows,
        hit=lambda user: search.Hit(title=user.last_name, url=f"/u/{user.pk}/"),
    )


@pytest.mark.django_db
def test_a_preview_reads_its_first_hits_and_their_total_in_one_query(
    django_assert_num_queries,
):
    for n in range(7):
        UserFactory(first_name="Membre", last_name=f"Cercle {n}")
    with django_assert_num_queries(1):
        preview = group("cercles").preview(3)
    assert [hit.title for hit in preview.hits] == ["Cercle 0", "Cercle 1", "Cercle 2"]
    assert preview.total == 7
    with django_assert_num_queries(1):
        assert group("absent").preview(3).total == 0


@pytest.mark.django_db
def test_a_page_of_hits_is_paginated():
    for n in range(7):
        UserFactory(first_name="Membre", last_name=f"Cercle {n}")
    page = group("membre").page("2", 3)
    assert isinstance(page, Page)
    assert [hit.title for hit in page] == ["Cercle 3", "Cercle 4", "Cercle 5"]
    assert page.paginator.count == 7
    assert group("membre").page("x", 3)[0].title == "Cercle 0"


# -- PostgreSQL ------------------------------------------------------------------------------


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's text search configuration"
)


@postgres_only
@pytest.mark.django_db
def test_the_configuration_stems_french_and_strips_accents():
    assert search.ensure_postgres_configuration(connection) is True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT to_tsvector('{search.CONFIG}', 'Développements régionaux')::text")
        assert cursor.fetchone()[0] == "'developp':1 'regional':2"
    assert search.check_postgres_configuration(databases=["default"]) == []


@postgres_only
@pytest.mark.django_db
def test_the_check_warns_when_accents_cannot_be_stripped():
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {search.CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH french_stem"
        )
    messages = search.check_postgres_configuration(databases=["default"])
    assert [message.id for message in messages] == ["core.W010"]
    assert search.ensure_postgres_configuration(connection) is True
    assert search.check_postgres_configuration(databases=["default"]) == []


@postgres_only
@pytest.mark.django_db
def test_without_the_right_to_create_unaccent_search_still_stems_and_the_check_says_so():
    """A database user who may create objects in its schema but not extensions (the migration's
    case on a managed server that refuses `unaccent`)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION unaccent CASCADE")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS maillage_french CASCADE")
        cursor.execute("CREATE ROLE maillage_search_test NOLOGIN")
        cursor.execute("GRANT CREATE ON SCHEMA public TO maillage_search_test")
        cursor.execute("SET LOCAL ROLE maillage_search_test")
    assert search.ensure_postgres_configuration(connection) is False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT to_tsvector('{search.CONFIG}', 'Chantiers régionaux')::text")
        assert cursor.fetchone()[0] == "'chanti':1 'régional':2"
    messages = search.check_postgres_configuration(databases=["default"])
    assert [message.id for message in messages] == ["core.W010"]


@pytest.mark.django_db
def test_the_check_says_nothing_on_sqlite_or_without_databases():
    assert search.check_postgres_configuration(databases=None) == []
    if connection.vendor == "sqlite":
        assert search.check_postgres_configuration(databases=["default"]) == []


def test_the_index_and_the_condition_write_the_same_document():
    document = search.document_sql(['"name"', '"purpose"'])
    assert document == (
        "to_tsvector('maillage_french'::regconfig, "
        "COALESCE(\"name\", '') || ' ' || COALESCE(\"purpose\", ''))"
    )
    assert search.tsquery(["cercle", "habit"]) == "cercle:* & habit:*"


# -- stored documents ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stored_document_is_read_only_on_postgresql():
    """On SQLite, `stored` changes nothing: the columns themselves are matched."""
    words = search.terms("cercles")
    stored = User.objects.filter(search.Matches(("first_name", "last_name"), words, stored="doc"))
    sql = str(stored.query)
    if connection.vendor == "postgresql":
        assert '"core_user"."doc" @@ to_tsquery' in sql and "to_tsvector" not in sql
    else:
        plain = User.objects.filter(search.Matches(("first_name", "last_name"), words))
        assert sql == str(plain.query)


PROBE = "search_probe"


def probe_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [PROBE])
        return dict(cursor.fetchall())


def probe_columns() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
            " ORDER BY ordinal_position",
            [PROBE],
        )
        return [name for (name,) in cursor.fetchall()]


@postgres_only
@pytest.mark.django_db
def test_a_stored_document_replaces_the_index_of_its_expression_and_back():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {PROBE} (id serial PRIMARY KEY, name text, purpose text)")
    index = search.postgres_index(PROBE, ["name", "purpose"])
    document = search.postgres_document(
        PROBE, ["name", "purpose"], replaces_index=f"{PROBE}_search"
    )
    with connection.schema_editor(atomic=False) as editor:
        index.code(None, editor)
        document.code(None, editor)
    assert probe_columns() == ["id", "name", "purpose", "search_document"]
    assert set(probe_indexes()) == {f"{PROBE}_pkey", f"{PROBE}_search_document"}
    assert "gin (search_document)" in probe_indexes()[f"{PROBE}_search_document"]

    # The database writes the document, and writes it again when a column changes.
    def stored(pk: int) -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT search_document::text FROM {PROBE} WHERE id = %s", [pk])  # noqa: S608
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PROBE} (name, purpose) VALUES ('Cercle', 'Habitations') RETURNING id"  # noqa: S608
        )
        (pk,) = cursor.fetchone()
        assert stored(pk) == "'cercl':1 'habit':2"
        cursor.execute(f"UPDATE {PROBE} SET purpose = 'Écoles' WHERE id = %s", [pk])  # noqa: S608
        assert stored(pk) == "'cercl':1 'ecol':2"

    with connection.schema_editor(atomic=False) as editor:
        assert document.reverse_code is not None
        document.reverse_code(None, editor)
    assert probe_columns() == ["id", "name", "purpose"]
    assert set(probe_indexes()) == {f"{PROBE}_pkey", f"{PROBE}_search"}
    assert "to_tsvector" in probe_indexes()[f"{PROBE}_search"]
