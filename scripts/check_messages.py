"""Fail when the French catalogue is incomplete or a translation loses a placeholder.

Refreshes every catalogue from the sources first (so a string added without running makemessages
counts as untranslated), then reports each untranslated or fuzzy entry with its file and line,
and each translation whose named placeholders (`%(email)s`) differ from its source's: Django then
shows the English text instead, silently. The hand-made catalogues that override a library's
wording (`locale_*`) are checked for placeholders too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# `%(email)s` (gettext, blocktranslate) and `{email}` (str.format).
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return {named or braced for named, braced in PLACEHOLDER.findall(text)}


def placeholder_problems(path: Path, catalogue: polib.POFile) -> list[str]:
    problems = []
    for entry in catalogue.translated_entries():
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            # A plural form may leave the count out ("un seul"), never invent a name.
            found = placeholders(translation)
            if found - expected or (not entry.msgid_plural and found != expected):
                problems.append(
                    f"{path.relative_to(ROOT)}: placeholders {sorted(found)} instead of "
                    f"{sorted(expected)}: {entry.msgid!r}"
                )
    return problems


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
        problems.extend(placeholder_problems(path, catalogue))
    for path in sorted(ROOT.glob("maillage/**/locale_*/fr/LC_MESSAGES/django.po")):
        problems.extend(placeholder_problems(path, polib.pofile(str(path))))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the French catalogue.")
        return 1
    print(f"French catalogue complete ({len(catalogues)} files).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
