"""The settings of the test run: the project's own, with a key of their own, since the project
refuses to start without one when DEBUG is off (as in production, and as the tests run)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "t" * 40)

from maillage.settings import *  # noqa: F403

# Production's hashed static names need collectstatic: the tests read the apps' files as they are.
MANIFEST_STATIC = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
