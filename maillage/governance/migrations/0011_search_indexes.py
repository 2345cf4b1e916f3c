# GIN indexes of the search documents of circles, workstreams and policies, on PostgreSQL only:
# the columns, in order, of governance.selectors.search. See core.search.

from django.db import migrations

from maillage.core.search import postgres_index


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_search_configuration"),
        ("governance", "0010_workspace"),
    ]

    operations = [
        postgres_index("governance_circle", ["name", "purpose"]),
        postgres_index("governance_workstream", ["name", "mandate"]),
        postgres_index("governance_policy", ["title", "text"]),
    ]
