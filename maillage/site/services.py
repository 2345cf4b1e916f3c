"""Writes of the public site: the editors group follows the platform's roles; the newsletter."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import record
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.roles import Role
from maillage.site.models import Newsletter
from maillage.site.verbs import NewsletterVerb

# Created by migration 0002 with the page, image and document permissions.
EDITORS_GROUP = "Rédaction du site"
EDITOR_ROLES = (Role.STAFF, Role.ADMIN)


# What the editors may do (the same as migration 0002).
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}
GROUP_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "site": ["add_glossaryterm", "change_glossaryterm", "delete_glossaryterm", "view_glossaryterm"],
    "wagtail_localize": ["submit_translation"],
}


def editors_group() -> Group:
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    return group


@transaction.atomic
def editors_group_ensure() -> Group:
    """The editors group with its permissions on the whole page tree and every collection."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for label in ["wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "site"]:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group = editors_group()
    for app_label, codenames in GROUP_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    root = Page.get_first_root_node()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group


def is_editor(user: User) -> bool:
    return bool(user.is_active and user.role in EDITOR_ROLES)


@transaction.atomic
def editor_membership_sync(*, actor: Actor, user: User) -> bool:
    """Put `user` in the editors group when their role is coordination staff or administrator,
    take them out otherwise. Returns whether membership changed.

    Not audited on its own: membership follows the role, whose change the core audits."""
    group = editors_group()
    member = user.groups.filter(pk=group.pk).exists()
    wanted = is_editor(user)
    if member == wanted:
        return False
    if wanted:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return True


@transaction.atomic
def editors_sync_all(*, actor: Actor) -> int:
    """Bring every account's membership in line with its role (the demo and a migration call it).
    Returns the number of accounts changed."""
    group = editors_group()
    changed = 0
    members = set(group.user_set.values_list("pk", flat=True))
    wanted = set(
        User.objects.filter(is_active=True, role__in=EDITOR_ROLES).values_list("pk", flat=True)
    )
    for user in User.objects.filter(pk__in=members ^ wanted):
        changed += editor_membership_sync(actor=actor, user=user)
    return changed


@transaction.atomic
def home_pages_ensure() -> Any:
    """The site's home page in French and its English version, as the root of the default site.

    Run after every `migrate` (and by the demo): a new instance serves a real home page at `/` and
    `/en/` rather than Wagtail's welcome page. Changes nothing when they exist.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from maillage.site.models import HomePage

    locales = [
        Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    ]
    first = next(locale for locale in locales if locale.language_code == settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:  # an emptied database (`flush`)
        Page.add_root(instance=Page(title="Root", slug="root", locale=first, live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=first, depth=2).first()
    if home is None:
        home = HomePage(
            title=settings.MAILLAGE_COLLECTIVE_NAME, slug="accueil", locale=first, live=True
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        previous = site.root_page
        site.root_page = home
        site.save(update_fields=["root_page"])
        # Wagtail's welcome page, created by its first migration, is of no use any more.
        if type(previous.specific) is Page and previous.is_leaf():
            previous.delete()
    for locale in locales:
        if locale.pk != first.pk and not home.has_translation(locale):
            translation = home.copy_for_translation(locale)
            translation.slug = locale.language_code
            translation.save_revision().publish()
    return home


@transaction.atomic
def newsletter_create(*, actor: User, subject: str, body: str) -> Newsletter:
    require(actor, "site.send_newsletter")
    newsletter = Newsletter.objects.create(
        subject=subject.strip(), body=body.strip(), created_by=actor
    )
    record(actor=actor, verb=NewsletterVerb.CREATED, target=newsletter)
    return newsletter


@transaction.atomic
def newsletter_send(*, actor: User, newsletter: Newsletter) -> Newsletter:
    """Send a newsletter once: marked sent now, the e-mails go from a task, to the accounts that
    consent to it when the task runs."""
    from maillage.site.tasks import send_newsletter

    require(actor, "site.send_newsletter")
    sent = Newsletter.objects.filter(pk=newsletter.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not sent:
        raise ValidationError(_("This newsletter was already sent."))
    newsletter.refresh_from_db()
    record(actor=actor, verb=NewsletterVerb.SENT, target=newsletter)
    transaction.on_commit(lambda: send_newsletter.enqueue(newsletter.pk))
    return newsletter
