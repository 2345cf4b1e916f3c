# GIN indexes of the search documents of organizations and people, on PostgreSQL only: the
# columns, in order, of network.selectors.search. See core.search.

from django.db import migrations

from maillage.core.search import postgres_index


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_search_configuration"),
        ("network", "0005_sector_names"),
    ]

    operations = [
        postgres_index("network_organization", ["name", "acronym", "description"]),
        postgres_index("network_person", ["first_name", "last_name"]),
    ]
