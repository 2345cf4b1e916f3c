# PostgreSQL's text search configuration of the platform's search (French stemming, accents
# stripped when the unaccent extension can be installed); nothing on SQLite. See core.search.

from django.db import migrations

from maillage.core.search import postgres_configuration


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_import_job"),
    ]

    operations = [postgres_configuration()]
