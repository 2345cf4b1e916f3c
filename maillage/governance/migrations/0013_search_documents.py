# The search documents of circles, workstreams and policies stored in their rows on PostgreSQL (a
# column the database generates, GIN-indexed), in place of the indexes of their expressions
# (0011): the columns, in order, of governance.selectors.search. See core.search.

from django.db import migrations

from maillage.core.search import postgres_document


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0012_quorum_rules"),
    ]

    operations = [
        postgres_document(
            "governance_circle", ["name", "purpose"], replaces_index="governance_circle_search"
        ),
        postgres_document(
            "governance_workstream",
            ["name", "mandate"],
            replaces_index="governance_workstream_search",
        ),
        postgres_document(
            "governance_policy", ["title", "text"], replaces_index="governance_policy_search"
        ),
    ]
