"""Signal receivers: each only calls a service."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_migrate, post_save

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.signals import role_changed
from maillage.site import services


def sync_editor_on_role_change(sender: Any, user: User, **kwargs: Any) -> None:
    services.editor_membership_sync(actor=SYSTEM, user=user)


def sync_editor_on_account_created(
    sender: Any, instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """An account created with a staff role (createsuperuser, the demo) joins the editors."""
    if created and not raw and services.is_editor(instance):
        services.editor_membership_sync(actor=SYSTEM, user=instance)


def ensure_home_pages(sender: Any, **kwargs: Any) -> None:
    """After `migrate`, and after `flush` (between tests of a live server): the site has its root,
    its home page in each language and its editors group (unless the site's tables were just
    removed, by `migrate site zero`)."""
    from django.db import connections

    from maillage.site.models import HomePage

    connection = connections[kwargs.get("using", "default")]
    if HomePage._meta.db_table in connection.introspection.table_names():
        services.home_pages_ensure()
        services.editors_group_ensure()
        services.editors_sync_all(actor=SYSTEM)


def connect() -> None:
    role_changed.connect(sync_editor_on_role_change, dispatch_uid="site.sync_editor_role")
    post_save.connect(
        sync_editor_on_account_created, sender=User, dispatch_uid="site.sync_editor_created"
    )
    post_migrate.connect(
        ensure_home_pages, sender=apps.get_app_config("site"), dispatch_uid="site.home_pages"
    )
