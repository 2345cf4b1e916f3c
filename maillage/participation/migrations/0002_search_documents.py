# The search documents of consultations and proposals stored in their rows on PostgreSQL (a
# column the database generates, GIN-indexed): the columns, in order, of
# participation.selectors.search. See core.search.

from django.db import migrations

from maillage.core.search import postgres_document


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
    ]

    operations = [
        postgres_document(
            "participation_consultation",
            ["title_fr", "title_en", "question_fr", "question_en"],
        ),
        postgres_document("participation_proposal", ["title", "text"]),
    ]
