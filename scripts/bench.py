"""Page timings on a scratch SQLite database: the demo plus a larger directory.

Speed figures live here, not in the tests, since the machines that run tests are shared and noisy.
Usage: make bench [BENCH_ORGS=500] [BENCH_ROUNDS=20]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = tempfile.mkdtemp(prefix="maillage-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
os.environ["MAILLAGE_STAFF_MFA_REQUIRED"] = "0"
os.environ["MAILLAGE_INSECURE_HTTP"] = "1"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    from maillage.core.models import User
    from maillage.network.models import Organization
    from maillage.network.tests.factories import OrganizationFactory
    from maillage.territories.models import Territory

    extra = int(os.environ.get("BENCH_ORGS", "500"))
    mrcs = list(Territory.objects.filter(type__in=["mrc", "equivalent"]))
    for index in range(extra):
        OrganizationFactory(territories=[mrcs[index % len(mrcs)]])
    rounds = int(os.environ.get("BENCH_ROUNDS", "20"))
    member = User.objects.get(email="membre@demo.maillage.local")
    organization = Organization.objects.order_by("pk").first()
    assert organization is not None
    pages = [
        ("home", "/"),
        ("territory index", "/territoires/"),
        ("territory: Charlevoix", "/territoires/charlevoix/"),
        ("directory", "/repertoire/"),
        ("directory, filtered by MRC", "/repertoire/?territory=charlevoix"),
        ("directory, search", "/repertoire/?q=centre"),
        ("organization", organization.get_absolute_url()),
    ]
    print(f"{Organization.objects.count()} organizations, {rounds} rounds per page\n")
    print(f"{'page':32} {'visitor':>16} {'member':>16} {'queries':>8}")
    for label, url in pages:
        row = []
        queries = 0
        for who in (None, member):
            client = Client()
            if who is not None:
                client.force_login(who)
            client.get(url)  # warm caches
            timings = []
            for _ in range(rounds):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
                queries = max(queries, len(captured))
            row.append(f"{statistics.median(timings) * 1000:9.1f} ms med")
        print(f"{label:32} {row[0]:>16} {row[1]:>16} {queries:>8}")


if __name__ == "__main__":
    main()
