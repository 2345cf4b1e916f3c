"""The editors group of the public site (page, image, document and glossary permissions), the
English locale, and the accounts whose role makes them editors (coordination staff and
administrators). `maillage.site.receivers` keeps the membership in step with roles afterwards."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Rédaction du site"
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
EDITOR_ROLES = ["staff", "admin"]


def _permissions_exist(apps):
    """Permissions are normally created after all migrations; the group needs them now."""
    for label in ["wagtailcore", "wagtailimages", "wagtaildocs", "site"]:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Locale = apps.get_model("wagtailcore", "Locale")
    User = apps.get_model("core", "User")

    _permissions_exist(apps)
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in GROUP_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission
            )
    collection = Collection.objects.filter(depth=1).first()
    if collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    Locale.objects.get_or_create(language_code="en")
    group.user_set.add(*User.objects.filter(role__in=EDITOR_ROLES, is_active=True))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_initial"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0003_admin_managed"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
