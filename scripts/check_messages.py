"""Fail when the French catalogue is incomplete.

Refreshes every catalogue from the sources first (so a string added without running makemessages
counts as untranslated), then reports each untranslated or fuzzy entry with its file and line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--add-location",
            "file",
            "-i",
            ".venv",
            "-i",
            "var",
            "-i",
            "staticfiles",
            "-i",
            "tests",
            "-i",
            "scripts",
            "-v",
            "0",
        ],
        cwd=ROOT,
        check=True,
    )
    problems: list[str] = []
    catalogues = sorted(ROOT.glob("maillage/**/locale/fr/LC_MESSAGES/django.po"))
    if not catalogues:
        problems.append("no French catalogue found")
    for path in catalogues:
        catalogue = polib.pofile(str(path))
        for entry in catalogue.untranslated_entries():
            problems.append(f"{path.relative_to(ROOT)}: untranslated: {entry.msgid!r}")
        for entry in catalogue.fuzzy_entries():
            problems.append(f"{path.relative_to(ROOT)}: fuzzy: {entry.msgid!r}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the French catalogue.")
        return 1
    print(f"French catalogue complete ({len(catalogues)} files).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
