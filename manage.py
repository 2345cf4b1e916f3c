#!/usr/bin/env python
import os
import secrets
import sys

# Commands that build or inspect the project and sign nothing: without SECRET_KEY they run with a
# key of their own, thrown away at exit, so a fresh checkout can check its migrations or compile
# its catalogues. Everything else (serving, workers, `check --deploy`) still refuses to start.
KEYLESS_COMMANDS = {
    "compilemessages",
    "help",
    "makemessages",
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "version",
}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command in KEYLESS_COMMANDS and not os.environ.get("SECRET_KEY", "").strip():
        os.environ["SECRET_KEY"] = "build-only-" + secrets.token_urlsafe(48)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
