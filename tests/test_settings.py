"""The settings refuse to run without DEBUG and without a secret key of their own; local runs
get a key generated once (`scripts/local-secret-key`, exported by the Makefile)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Imports the project's settings in a fresh interpreter with only `env` set."""
    return subprocess.run(
        [sys.executable, "-c", "import maillage.settings"],
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
    result = import_settings(SECRET_KEY="a-production-key-" + "q" * 40)
    assert result.returncode == 0, result.stderr


def test_development_runs_without_a_key():
    result = import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


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
