"""The settings refuse to run without DEBUG and without a secret key of their own; local runs
get a key generated once (`scripts/local-secret-key`, exported by the Makefile)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


KEY = "a-production-key-" + "q" * 40


def import_settings(code: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """Imports the project's settings in a fresh interpreter with only `env` set, then runs
    `code` with them as `s`."""
    return subprocess.run(
        [sys.executable, "-c", f"import maillage.settings as s\n{code}"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_load_without_a_secret_key():
    result = import_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_a_blank_secret_key_is_no_key():
    result = import_settings(SECRET_KEY="   ", DEBUG="0")
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_settings_load_with_a_secret_key():
    result = import_settings(SECRET_KEY=KEY)
    assert result.returncode == 0, result.stderr


def test_development_runs_without_a_key():
    result = import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def trusted_proxies(**env: str) -> str:
    result = import_settings("print(s.MAILLAGE_TRUSTED_PROXIES)", SECRET_KEY=KEY, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_no_proxy_is_trusted_by_default():
    assert trusted_proxies() == "0"


def test_behind_a_proxy_one_is_trusted_unless_said_otherwise():
    assert trusted_proxies(BEHIND_PROXY="1") == "1"
    assert trusted_proxies(BEHIND_PROXY="1", MAILLAGE_TRUSTED_PROXIES="2") == "2"
    assert trusted_proxies(BEHIND_PROXY="1", MAILLAGE_TRUSTED_PROXIES="0") == "0"


def test_a_count_of_proxies_that_is_no_number_stops_the_start():
    result = import_settings(SECRET_KEY=KEY, MAILLAGE_TRUSTED_PROXIES="one")
    assert "MAILLAGE_TRUSTED_PROXIES must be a whole number" in result.stderr


def static_storage(**env: str) -> str:
    result = import_settings("print(s.STORAGES['staticfiles']['BACKEND'])", SECRET_KEY=KEY, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_serves_hashed_and_compressed_static_files_by_default():
    manifest = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert static_storage() == manifest
    assert static_storage(MAILLAGE_MANIFEST_STATIC="0") == plain
    # Local runs read the apps' files without collectstatic.
    assert static_storage(DEBUG="1") == plain
    assert static_storage(MAILLAGE_INSECURE_HTTP="1") == plain
    assert static_storage(MAILLAGE_INSECURE_HTTP="1", MAILLAGE_MANIFEST_STATIC="1") == manifest


def test_the_local_key_is_generated_once_and_kept_private(tmp_path):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(ROOT / "scripts" / "local-secret-key", scripts)
    script = str(scripts / "local-secret-key")
    first = subprocess.run([script], capture_output=True, text=True, check=True).stdout
    second = subprocess.run([script], capture_output=True, text=True, check=True).stdout
    assert first == second
    assert len(first) == 64
    assert first.isalnum()
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0


def manage(*args: str) -> subprocess.CompletedProcess[str]:
    """`manage.py` in a fresh process with no SECRET_KEY and no DEBUG."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_fresh_checkout_checks_its_migrations_without_a_key():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_commands_that_serve_or_check_a_deployment_still_refuse_without_a_key():
    for args in (("check", "--deploy"), ("runserver", "--noreload")):
        result = manage(*args)
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr


def storage(**env: str) -> subprocess.CompletedProcess[str]:
    return import_settings('print(s.STORAGES["private"])', SECRET_KEY=KEY, **env)


def test_private_files_are_kept_on_this_machine_unless_a_storage_is_named():
    result = storage(MAILLAGE_PRIVATE_ROOT="/srv/maillage/private")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "{'BACKEND': 'django.core.files.storage.FileSystemStorage', "
        "'OPTIONS': {'location': '/srv/maillage/private'}}"
    )


def test_an_s3_compatible_storage_is_set_from_the_environment():
    result = storage(
        MAILLAGE_PRIVATE_STORAGE="storages.backends.s3.S3Storage",
        MAILLAGE_PRIVATE_STORAGE_OPTIONS='{"bucket_name": "maillage", "endpoint_url": "https://s3.example.org"}',
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "{'BACKEND': 'storages.backends.s3.S3Storage', 'OPTIONS': {'bucket_name': 'maillage', "
        "'endpoint_url': 'https://s3.example.org'}}"
    )


def test_storage_options_that_are_not_a_json_object_are_refused():
    assert "not valid JSON" in storage(MAILLAGE_PRIVATE_STORAGE_OPTIONS="{bucket").stderr
    assert "must be a JSON object" in storage(MAILLAGE_PRIVATE_STORAGE_OPTIONS="[1]").stderr


def test_the_reply_address_and_mailbox_come_from_the_environment():
    result = import_settings(
        "print(s.MAILLAGE_REPLY_ADDRESS, s.MAILLAGE_REPLY_DAYS, sorted(s.MAILLAGE_IMAP.items()))",
        SECRET_KEY=KEY,
        MAILLAGE_REPLY_ADDRESS=" reponse@maillage.example.org ",
        MAILLAGE_REPLY_DAYS="10",
        MAILLAGE_IMAP_HOST="imap.example.org",
        MAILLAGE_IMAP_USER="reponse@maillage.example.org",
        MAILLAGE_IMAP_PASSWORD="secret",
        MAILLAGE_IMAP_SECURITY="STARTTLS",
        MAILLAGE_IMAP_DONE_FOLDER="Traité",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "reponse@maillage.example.org 10 [('done_folder', 'Traité'), ('folder', 'INBOX'), "
        "('host', 'imap.example.org'), ('password', 'secret'), ('port', 0), "
        "('security', 'starttls'), ('user', 'reponse@maillage.example.org')]"
    )


def test_a_reply_address_that_cannot_carry_a_token_is_refused():
    for address in ("reponse+x@maillage.example.org", "reponse", "a@b@c"):
        result = import_settings(SECRET_KEY=KEY, MAILLAGE_REPLY_ADDRESS=address)
        assert "MAILLAGE_REPLY_ADDRESS must be one e-mail address" in result.stderr
