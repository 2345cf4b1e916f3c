"""`scripts/find-python`, which `make run` uses to pick an interpreter >= 3.12."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "find-python"


def run(env):
    return subprocess.run(["/bin/sh", str(SCRIPT)], env=env, capture_output=True, text=True)


def test_an_explicit_python_is_taken_when_recent_enough():
    result = run({**os.environ, "PYTHON": sys.executable})
    assert result.returncode == 0
    assert result.stdout.strip() == sys.executable


def test_an_old_python_on_path_is_skipped(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    old = fake / "python3"
    old.write_text("#!/bin/sh\nexit 1\n")  # answers the version check like a 3.11 would
    old.chmod(0o755)
    env = {"PATH": f"{fake}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHON": str(old)}
    result = run(env)
    if result.returncode == 0:
        found = result.stdout.strip()
        assert found != str(old)
        version = subprocess.run(
            [found, "-c", "import sys; print(sys.version_info >= (3, 12))"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert version.stdout.strip() == "True"
    else:
        assert "needs Python 3.12 or newer" in result.stderr
        assert "PYTHON=" in result.stderr
