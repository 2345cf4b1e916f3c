"""Signal receivers: each only calls a service."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_migrate, post_save
from django.tasks.signals import task_finished

from maillage.core import cache
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.signals import role_changed
from maillage.site import selectors, services


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


def bump_pages(sender: Any, **kwargs: Any) -> None:
    cache.bump(selectors.PAGES_CACHE)


INDEXING_TASK = "modelsearch.tasks.insert_or_update_object_task"


def bump_search_after_indexing(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """A page is indexed by a background task, after its save has bumped the namespaces: the
    search's kept results are read again once the index holds the page's new words."""
    if task_result.task.module_path == INDEXING_TASK:
        cache.bump(selectors.SEARCH_CACHE)


def watch_pages() -> None:
    """Any change of a page (every page type sends its own signals), of its view restrictions, of
    a site or a locale makes the cached chrome read again; a move sends no save signal."""
    from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    cache.bump_on_change(
        selectors.PAGES_CACHE, Page, *get_page_models(), PageViewRestriction, Site, Locale
    )
    page_published.connect(bump_pages, dispatch_uid="site.bump_pages.published")
    page_unpublished.connect(bump_pages, dispatch_uid="site.bump_pages.unpublished")
    post_page_move.connect(bump_pages, dispatch_uid="site.bump_pages.moved")
    task_finished.connect(bump_search_after_indexing, dispatch_uid="site.bump_search.indexed")


def connect() -> None:
    watch_pages()
    role_changed.connect(sync_editor_on_role_change, dispatch_uid="site.sync_editor_role")
    post_save.connect(
        sync_editor_on_account_created, sender=User, dispatch_uid="site.sync_editor_created"
    )
    post_migrate.connect(
        ensure_home_pages, sender=apps.get_app_config("site"), dispatch_uid="site.home_pages"
    )
