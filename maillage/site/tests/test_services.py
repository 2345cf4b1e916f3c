"""The editors group follows the platform's roles; the home pages exist after `migrate`."""

import pytest
from wagtail.models import Page, Site

from maillage.core import services as core_services
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.site import services
from maillage.site.models import HomePage

pytestmark = pytest.mark.django_db


def in_group(user: User) -> bool:
    return user.groups.filter(name=services.EDITORS_GROUP).exists()


def test_the_editors_group_has_page_image_and_document_permissions():
    group = services.editors_group()
    assert {p.permission.codename for p in group.page_permissions.all()} >= {
        "add_page",
        "change_page",
        "publish_page",
    }
    assert {p.permission.codename for p in group.collection_permissions.all()} >= {
        "add_image",
        "choose_image",
        "add_document",
        "choose_document",
    }
    assert group.permissions.filter(codename="access_admin").exists()


@pytest.mark.parametrize(
    ("role", "editor"),
    [
        (Role.CITIZEN, False),
        (Role.GUEST, False),
        (Role.MEMBER, False),
        (Role.STAFF, True),
        (Role.ADMIN, True),
    ],
)
def test_a_new_account_is_an_editor_only_with_a_staff_role(role, editor):
    assert in_group(user_with_role(role)) is editor


def test_a_role_change_moves_the_account_in_and_out_of_the_editors():
    admin = user_with_role(Role.ADMIN)
    user = user_with_role(Role.MEMBER)
    core_services.user_set_role(actor=admin, user=user, role=Role.STAFF)
    assert in_group(user)
    core_services.user_set_role(actor=admin, user=user, role=Role.MEMBER)
    assert not in_group(user)


def test_sync_all_repairs_memberships():
    staff = user_with_role(Role.STAFF)
    member = user_with_role(Role.MEMBER)
    staff.groups.clear()
    member.groups.add(services.editors_group())
    assert services.editors_sync_all(actor=SYSTEM) == 2
    assert in_group(staff)
    assert not in_group(member)
    assert services.editors_sync_all(actor=SYSTEM) == 0


def test_home_pages_exist_in_both_languages_as_the_site_root():
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(depth=2, locale__language_code="fr-ca")
    assert site.root_page_id == home.pk
    assert home.get_translation_or_none(home.get_translations().first().locale).live
    before = Page.objects.count()
    assert services.home_pages_ensure().pk == home.pk
    assert Page.objects.count() == before
