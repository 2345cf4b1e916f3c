"""Key pages measured at scale, served as in production: `make bench`.

Builds a scratch database (PostgreSQL `maillage_bench` on postgres://postgres@127.0.0.1:5432 when
it answers, else SQLite in a temporary folder), loads the demo and `generate_scale_data --factor
BENCH_FACTOR`, collects the static files (hashed and compressed, DEBUG off), starts gunicorn with
two workers and asks each key page over HTTP, interleaved with the health check (`/sante/`, one
query) of the same server: the ratios to that page say how heavy a page is whatever the machine.
Prints a Markdown table (p50 and p95 ratios, HTML and CSS+JS bytes, budget) into var/bench.md,
and into docs/performance.md with BENCH_WRITE=1. Stops gunicorn and drops the database at the end.

Speed figures live here, not in the tests: the machines that run tests are shared and noisy. It
exits 0 (a measurement), unless BENCH_STRICT=1 and a row misses its budget.

Usage: make bench [BENCH_FACTOR=100] [BENCH_ROUNDS=15] [BENCH_WRITE=1] [BENCH_STRICT=1]
                  [BENCH_ONLY="My space,Search"] [BENCH_DB=maillage_bench] [BENCH_REDIS=redis://…/13]

BENCH_ONLY keeps the pages whose name contains one of its comma-separated words (the health
check is always measured); BENCH_DB and BENCH_REDIS let two runs share a server.
"""

from __future__ import annotations

import datetime
import gzip
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# The workers share their cache as in production, in a Redis database of its own, emptied before
# and after the run; without Redis each worker keeps its own.
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/13")
PG_NAME = os.environ.get("BENCH_DB", "maillage_bench")
PASSWORD = "maillage-demo-2026"  # the demo's, printed by load_demo  # noqa: S105
ACCOUNTS = {
    "member": "membre@demo.maillage.local",
    "staff": "equipe@demo.maillage.local",
    "admin": "admin@demo.maillage.local",
}
HEALTH = "/sante/"

# Budgets: a page at most this many times the health check (p50), an export more; what a page
# weighs, compressed.
PAGE_RATIO = 10
EXPORT_RATIO = 30
ASSETS_BUDGET = 60_000
HTML_BUDGETS = {("/gouvernance/", "staff"): 100_000}


@dataclass
class Page:
    label: str
    path: str
    who: str  # "anonymous", "member", "staff" or "admin"
    export: bool = False
    times: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    status: int = 0
    html: int = 0
    html_gzip: int = 0
    html_local: bool = False
    assets_gzip: int | None = None
    assets_local: bool = False
    # A page whose path is read on another: that page's path and a pattern of the link.
    found_on: tuple[str, str] | None = None
    # A page named by its URL name (reversed by the project, in French), and its own budget: at
    # most this many times the health check (p50), instead of the page's or export's.
    url_name: str = ""
    ratio: float | None = None


WORKSPACE = "/gouvernance/chantiers/participation-sociale-charlevoix/espace/"
CONSULTATION = "/participation/consultations/se-deplacer-sans-auto/"
PLAN = "/plan/plans/plan-de-travail-2024-2029/"

PAGES = [
    Page("Home (site)", "/", "anonymous"),
    Page("Collaboration model (site)", "/modele-de-collaboration/", "anonymous"),
    Page("Governance map, anonymous", "/gouvernance/", "anonymous"),
    Page("Governance map, member", "/gouvernance/", "member"),
    Page("Governance map, staff", "/gouvernance/", "staff"),
    Page("Circles", "/gouvernance/cercles/", "staff"),
    Page("Circle: general circle", "/gouvernance/cercles/cercle-general/", "staff"),
    Page("Workstreams", "/gouvernance/chantiers/", "staff"),
    Page("Workstream (demo)", "/gouvernance/chantiers/participation-sociale-charlevoix/", "staff"),
    Page("Calendar", "/gouvernance/calendrier/", "staff"),
    Page("Calendar iCal feed", "", "anonymous", export=True),  # its signed path, found below
    Page("Directory: organizations", "/repertoire/", "staff"),
    Page("Directory: people", "/repertoire/personnes/", "staff"),
    Page("Directory export CSV", "/repertoire/exporter/csv/", "staff", export=True),
    Page("Directory export XLSX", "/repertoire/exporter/xlsx/", "staff", export=True),
    Page("My space", "/mon-espace/", "member"),
    Page("Workspace (demo)", WORKSPACE, "staff"),
    Page("Workspace documents (demo)", f"{WORKSPACE}documents/", "staff"),
    Page("Accounts and access", "/gestion-des-acces/", "staff"),
    Page("Territories", "/territoires/", "anonymous"),
    Page("Territory: region", "/territoires/capitale-nationale/", "anonymous"),
    Page("Territory: Charlevoix (MRC)", "/territoires/charlevoix/", "anonymous"),
    # The territorial portrait: the indicators, an MRC's portrait against the region's and
    # Québec's with its municipalities, the region's, and the MRC's figures as a file.
    Page("Portrait", "/portrait/", "anonymous"),
    Page("Portrait: Charlevoix (MRC)", "/portrait/territoires/charlevoix/", "anonymous"),
    Page("Portrait: region", "/portrait/territoires/capitale-nationale/", "anonymous"),
    Page(
        "Portrait export CSV",
        "/portrait/territoires/charlevoix/telecharger.csv",
        "anonymous",
        export=True,
    ),
    Page("Portrait: density map", "/portrait/indicateurs/pop_density_per_km2/", "anonymous"),
    Page(
        "Portrait: comparison",
        "/portrait/comparer/?territoires=charlevoix&territoires=capitale-nationale&territoires=quebec",
        "anonymous",
    ),
    Page("Search", "/recherche/?q=cercle", "anonymous"),
    # Staff search people and policies too: 5,000 people, 1,000 policies.
    Page("Search, staff", "/recherche/?q=cercle", "staff"),
    Page("Search, one kind", "/recherche/?q=cercle&type=policies&page=2", "staff"),
    Page("Register of decisions", "/decisions/", "anonymous"),
    Page("Register of decisions, staff", "/decisions/", "staff"),
    Page(
        "Register, searched and filtered", "/decisions/?q=cercle&decided_from=2020-01-01", "staff"
    ),
    Page("Decision", "", "staff", found_on=("/decisions/", r'href="(/decisions/\d+/)"')),
    Page("Meetings", "/rencontres/", "member"),
    Page("Meeting", "", "staff", found_on=("/rencontres/", r'href="(/rencontres/\d+/)"')),
    # Citizen participation: a consultation for every generated circle and workstream, each with
    # its proposals; the demo's consultation gathering contributions, as a citizen sees it.
    Page("Consultations", "/participation/", "anonymous"),
    Page("Consultation (demo)", f"{CONSULTATION}", "anonymous"),
    Page("Proposals of a consultation", f"{CONSULTATION}propositions/", "anonymous"),
    Page(
        "Proposal",
        "",
        "anonymous",
        found_on=(f"{CONSULTATION}propositions/", r'href="(/participation/propositions/\d+/)"'),
    ),
    Page("Moderation queue", "/participation/moderation/", "staff"),
    # The work plan: the demo's plan grown by the factor (`planning.scale`): its outline, its
    # lists of objectives and actions (filtered, a page further) and an objective's page, as a
    # visitor and as the staff read them.
    Page("Work plan", PLAN, "anonymous"),
    Page("Work plan, staff", PLAN, "staff"),
    Page("Work plan: objectives", f"{PLAN}objectifs/", "anonymous"),
    Page("Work plan: objectives, staff", f"{PLAN}objectifs/?page=3", "staff"),
    Page("Work plan: actions, filtered", f"{PLAN}actions/?status=in_progress&page=2", "anonymous"),
    Page(
        "Objective of the work plan",
        "",
        "anonymous",
        found_on=(PLAN, r'href="(/plan/objectifs/\d+/)"'),
    ),
    Page(
        "Objective of the work plan, staff",
        "",
        "staff",
        found_on=(PLAN, r'href="(/plan/objectifs/\d+/)"'),
    ),
    # The strategies: what is done under each one (circles, workstreams, plan actions, public
    # decisions, funded projects, consultations) and their dashboard, public.
    Page("Strategies", "/plan/strategies/", "anonymous"),
    Page("Strategy", "/plan/strategies/concertation-intersectorielle/", "anonymous"),
    Page("Strategies: dashboard", "/plan/strategies/tableau-de-bord/", "anonymous"),
    # Funding: BENCH_FACTOR × 100 applications (10,000 at the default factor). The issue asks
    # the staff's list of applications within 5 times the health check.
    Page(
        "Funding: applications (staff list)",
        "",
        "staff",
        url_name="funding:application_list",
        ratio=5,
    ),
    Page("Funding: dashboard", "", "staff", url_name="funding:dashboard"),
    Page(
        "Funding: accountability XLSX",
        "",
        "staff",
        export=True,
        url_name="funding:accountability_xlsx",
    ),
    Page("Funded projects (public)", "", "anonymous", url_name="funding:funded_projects"),
    # Personal information: the policy everyone reads, what the platform holds about the member
    # and its file, the area and the requests' queue staff work in, and the registers the
    # administrators keep (who saw contact details, what is past its retention period).
    Page("Privacy policy", "", "anonymous", url_name="privacy:policy"),
    # "My data" is read live from every app (never kept: the right of access is to what is
    # held at that moment): its contents ask each app's probe, a kind's page reads that kind,
    # and the copy, made by a task beforehand (`prepare_copy`), is a file sent as it is.
    # Both pages gather from every app (one probe each, about twenty queries whatever the
    # data): the exports' budget.
    Page("My data", "", "member", url_name="privacy:my_data", ratio=EXPORT_RATIO),
    Page(
        "My data: notifications (one kind)",
        "",
        "member",
        found_on=(
            "/confidentialite/mes-donnees/",
            r'href="(/confidentialite/mes-donnees/types/core\.notifications/)"',
        ),
        ratio=EXPORT_RATIO,
    ),
    Page(
        "My data, ZIP copy",
        "",
        "member",
        export=True,
        found_on=(
            "/confidentialite/mes-donnees/",
            r'href="(/confidentialite/mes-donnees/copies/\d+/)"',
        ),
    ),
    Page("Privacy area", "", "staff", url_name="privacy:area"),
    Page("Privacy requests", "", "staff", url_name="privacy:request_list"),
    Page("Access to contact details", "", "admin", url_name="privacy:access_log"),
    Page("Retention", "", "admin", url_name="privacy:retention"),
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The scratch database --------------------------------------------------------------------------


def postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:  # any failure means SQLite
        return False


def redis_version() -> str | None:
    """The server's version when it answers (its database emptied), else None."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        client.flushdb()
        return str(client.info("server").get("redis_version", "?"))
    except Exception:  # any failure means a cache per worker
        return None


def postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def database_version(url: str) -> str:
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url) as connection:
            row = connection.execute("SHOW server_version").fetchone()
        return f"PostgreSQL {row[0] if row else '?'}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


# The server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        log(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


class Client:
    """An HTTP client with its own cookies: a visitor, or one person logged in."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "gzip"})
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def login(self, email: str) -> None:
        _status, headers, body = self.get("/comptes/login/")
        text = decode(headers, body)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if match is None:
            raise SystemExit("no CSRF token on the login page")
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match.group(1), "login": email, "password": PASSWORD}
        ).encode()
        request = urllib.request.Request(
            self.base + "/comptes/login/", data=data, headers={"Referer": self.base + "/"}
        )
        with self.opener.open(request, timeout=60) as response:
            response.read()
        status, _headers, _body = self.get("/notifications/")
        if status != 200:
            raise SystemExit(f"login as {email} failed ({status})")


def decode(headers: dict[str, str], body: bytes) -> str:
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


def compressed_size(headers: dict[str, str], body: bytes) -> tuple[int, int, bool]:
    """Raw size, compressed size and whether we compressed it here (the server did not)."""
    if headers.get("Content-Encoding") == "gzip":
        return len(gzip.decompress(body)), len(body), False
    return len(body), len(gzip.compress(body, compresslevel=6)), True


def assets(text: str) -> list[str]:
    links = re.findall(r"<link\b[^>]*>", text)
    styles = [
        m.group(1)
        for tag in links
        if re.search(r'rel="stylesheet"', tag) and (m := re.search(r'href="([^"]+)"', tag))
    ]
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', text)
    return [url for url in styles + scripts if url.startswith("/")]


# Measuring -------------------------------------------------------------------------------------


def reverse_names(env: dict[str, str], names: list[str]) -> dict[str, str]:
    """The paths of `names` in the default language, by the project itself (one process); a
    name the project does not have maps to ""."""
    code = (
        "import json\n"
        "from django.conf import settings\n"
        "from django.urls import NoReverseMatch, reverse\n"
        "from django.utils import translation\n"
        "paths = {}\n"
        "with translation.override(settings.LANGUAGE_CODE):\n"
        f"    for name in {names!r}:\n"
        "        try:\n"
        "            paths[name] = reverse(name)\n"
        "        except NoReverseMatch:\n"
        "            paths[name] = ''\n"
        "print(json.dumps(paths))\n"
    )
    output = manage(env, "shell", "-c", code)
    paths: dict[str, str] = json.loads(output.strip().splitlines()[-1])
    return paths


def prepare_copy(env: dict[str, str], email: str) -> None:
    """A ZIP copy of `email`'s data, made as the task makes it, so that its link is on "my
    data" (the page asks for one with a form; the download is what is measured)."""
    code = (
        "from django.conf import settings\n"
        "from django.utils import translation\n"
        "from maillage.core.actors import SYSTEM\n"
        "from maillage.core.models import User\n"
        "from maillage.privacy.services.mydata import my_data_copy_prepare, my_data_copy_request\n"
        "with translation.override(settings.LANGUAGE_CODE):\n"
        f"    account = User.objects.get(email={email!r})\n"
        "    copy = my_data_copy_request(actor=account, file_format='zip')\n"
        "    my_data_copy_prepare(actor=SYSTEM, copy=copy)\n"
    )
    manage(env, "shell", "-c", code)


def timed(client: Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    status, _headers, _body = client.get(path)
    return time.perf_counter() - started, status


def weigh(page: Page, client: Client, asset_sizes: dict[str, tuple[int, bool]]) -> None:
    status, headers, body = client.get(page.path)
    page.status = status
    page.html, page.html_gzip, page.html_local = compressed_size(headers, body)
    if page.export or "html" not in headers.get("Content-Type", ""):
        return
    total, local = 0, False
    for url in assets(decode(headers, body)):
        if url not in asset_sizes:
            _status, asset_headers, asset_body = client.get(url)
            _raw, size, here = compressed_size(asset_headers, asset_body)
            asset_sizes[url] = (size, here)
        total += asset_sizes[url][0]
        local = local or asset_sizes[url][1]
    page.assets_gzip, page.assets_local = total, local


def measure(pages: list[Page], clients: dict[str, Client], rounds: int) -> None:
    probe = clients["health"]
    for page in pages:  # warm up: templates, connections, caches
        timed(clients[page.who], page.path)
    for number in range(rounds):
        log(f"round {number + 1}/{rounds}")
        for page in pages:
            page.base.append(timed(probe, HEALTH)[0])
            elapsed, status = timed(clients[page.who], page.path)
            page.times.append(elapsed)
            if status != 200:
                page.status = status


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def kb(size: int | None, local: bool) -> str:
    if size is None:
        return "—"
    return f"{size / 1000:.1f}{'*' if local else ''}"


def verdict(page: Page) -> tuple[str, bool]:
    problems = []
    if page.status != 200:
        problems.append(f"status {page.status}")
    limit = page.ratio or (EXPORT_RATIO if page.export else PAGE_RATIO)
    ratio = statistics.median(page.times) / statistics.median(page.base)
    if ratio > limit:
        problems.append(f"p50 > {limit:g}×")
    html_budget = HTML_BUDGETS.get((page.path, page.who))
    if html_budget is not None and page.html_gzip > html_budget:
        problems.append(f"HTML > {html_budget // 1000} KB")
    if page.assets_gzip is not None and page.assets_gzip > ASSETS_BUDGET:
        problems.append(f"CSS+JS > {ASSETS_BUDGET // 1000} KB")
    return ("ok" if not problems else "**over**: " + ", ".join(problems)), not problems


def table(pages: list[Page]) -> tuple[str, bool]:
    lines = [
        "| page | as | p50 ratio | p95 ratio | p50 ms | HTML KB | HTML gz KB "
        "| CSS+JS gz KB | budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    all_ok = True
    for page in pages:
        text, ok = verdict(page)
        all_ok = all_ok and ok
        lines.append(
            f"| {page.label} | {page.who} "
            f"| {statistics.median(page.times) / statistics.median(page.base):.1f} "
            f"| {p95(page.times) / p95(page.base):.1f} "
            f"| {statistics.median(page.times) * 1000:.0f} "
            f"| {page.html / 1000:.1f} | {kb(page.html_gzip, page.html_local)} "
            f"| {kb(page.assets_gzip, page.assets_local)} | {text} |"
        )
    return "\n".join(lines), all_ok


def machine() -> str:
    cpu = "unknown CPU"
    try:
        info = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def report(pages: list[Page], context: dict[str, str]) -> tuple[str, bool]:
    rows, ok = table(pages)
    base = statistics.median([t for page in pages for t in page.base]) * 1000
    header = "\n".join(f"- {key}: {value}" for key, value in context.items())
    return (
        f"{header}\n- health check (`/sante/`, one query), p50: {base:.1f} ms\n\n{rows}\n\n"
        "Ratios are to the health check measured just before each request. Budgets: p50 at "
        f"most {PAGE_RATIO}× ({EXPORT_RATIO}× for exports; the staff's list of funding "
        "applications 5×), CSS+JS at most "
        f"{ASSETS_BUDGET // 1000} KB compressed, `/gouvernance/` for staff at most 100 KB of "
        "compressed HTML. `*`: compressed here with gzip -6, since the server sent it "
        "uncompressed (a reverse proxy compresses in production).\n",
        ok,
    )


def write_performance(markdown: str) -> None:
    path = ROOT / "docs" / "performance.md"
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = path.read_text() if path.exists() else f"# Performance\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{markdown}{end}{after}")


def main() -> int:
    factor = int(os.environ.get("BENCH_FACTOR", "100"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "15"))
    scratch = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    use_postgres = postgres_answers()
    redis = redis_version()
    url = f"{PG_SERVER}/{PG_NAME}" if use_postgres else f"sqlite:///{scratch}/bench.sqlite3"
    secret = subprocess.run(
        [str(ROOT / "scripts" / "local-secret-key")], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secret,
        "DEBUG": "0",
        "MAILLAGE_DEMO": "1",
        "MAILLAGE_MANIFEST_STATIC": "1",
        "MAILLAGE_INSECURE_HTTP": "1",
        "MAILLAGE_STAFF_MFA_REQUIRED": "0",
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        **({"REDIS_URL": REDIS_URL} if redis else {}),
    }
    server: subprocess.Popen[bytes] | None = None
    try:
        if use_postgres:
            postgres(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            postgres(f"CREATE DATABASE {PG_NAME}")
        log(f"database: {url}")
        manage(env, "migrate", "--no-input", "-v", "0")
        started = time.monotonic()
        output = manage(env, "generate_scale_data", "--factor", str(factor))
        generated = time.monotonic() - started
        log(output)
        manage(env, "collectstatic", "--no-input", "-v", "0")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "maillage.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "300",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        clients = {who: Client(base) for who in ("health", "anonymous", *ACCOUNTS)}
        for _attempt in range(120):
            try:
                if clients["health"].get(HEALTH)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not answer")
        for who, email in ACCOUNTS.items():
            clients[who].login(email)
        prepare_copy(env, ACCOUNTS["member"])
        _status, headers, body = clients["staff"].get("/gouvernance/calendrier/")
        feed = re.search(r'href="([^"]+\.ics)"', decode(headers, body))
        named = reverse_names(env, [page.url_name for page in PAGES if page.url_name])
        for page in PAGES:
            if page.url_name:
                page.path = named.get(page.url_name, "")
                if not page.path:
                    log(f"skipped: no URL named {page.url_name}")
            elif page.found_on is not None:
                _status, headers, body = clients[page.who].get(page.found_on[0])
                found = re.search(page.found_on[1], decode(headers, body))
                page.path = found.group(1) if found else ""
            elif not page.path and feed:
                page.path = urllib.parse.urlsplit(feed.group(1).replace("&amp;", "&")).path
        only = [word.strip() for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
        pages = [p for p in PAGES if p.path and (not only or any(word in p.label for word in only))]
        asset_sizes: dict[str, tuple[int, bool]] = {}
        for page in pages:
            weigh(page, clients[page.who], asset_sizes)
        measure(pages, clients, rounds)
        context = {
            "date": datetime.date.today().isoformat(),
            "machine": machine(),
            "Python": platform.python_version(),
            "database": database_version(url),
            "data": f"factor {factor} (generated in {generated:.0f} s, demo included)",
            "server": "gunicorn, 2 workers, DEBUG off, hashed and compressed static files",
            "cache": f"Redis {redis}, shared by the workers" if redis else "each worker's memory",
            "rounds": str(rounds),
        }
        markdown, ok = report(pages, context)
        print(markdown)
        (ROOT / "var").mkdir(exist_ok=True)
        (ROOT / "var" / "bench.md").write_text(markdown)
        if os.environ.get("BENCH_WRITE") == "1" and only:
            log("not written to docs/performance.md: BENCH_ONLY measured part of the pages")
        elif os.environ.get("BENCH_WRITE") == "1":
            write_performance(markdown)
            log("written to docs/performance.md")
        return 1 if os.environ.get("BENCH_STRICT") == "1" and not ok else 0
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if use_postgres:
            postgres(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        if redis:
            redis_version()  # empties the bench's Redis database
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
