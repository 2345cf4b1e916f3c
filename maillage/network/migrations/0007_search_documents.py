# The search documents of organizations and people stored in their rows on PostgreSQL (a column
# the database generates, GIN-indexed), in place of the indexes of their expressions (0006): the
# columns, in order, of network.selectors.search. See core.search.

from django.db import migrations

from maillage.core.search import postgres_document


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0006_search_indexes"),
    ]

    operations = [
        postgres_document(
            "network_organization",
            ["name", "acronym", "description"],
            replaces_index="network_organization_search",
        ),
        postgres_document(
            "network_person",
            ["first_name", "last_name"],
            replaces_index="network_person_search",
        ),
    ]
