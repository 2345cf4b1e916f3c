"""How the platform talks to its database."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.core.models import User

pytestmark = pytest.mark.django_db


def test_postgresql_plans_once_the_queries_a_connection_repeats():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(4):
        assert not User.objects.filter(email="personne@example.org").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"core_user"."email" = $%'],
        )
        (prepared,) = cursor.fetchone()
    assert prepared >= 1
