from maillage.core import navigation
from maillage.core.apps import NavigationMixin


class DemoConfig(NavigationMixin):
    menu_items = (
        {"key": "demo", "label": "Demo", "url_name": "core:privacy", "order": 500},
        {"key": "demo_admin", "label": "Admin", "url_name": "admin:index", "visible": "x.y"},
    )
    stylesheet = "demo/demo.css"


def test_an_app_declares_its_menu_entries_and_stylesheet_and_registers_them_when_ready():
    with navigation.override() as registry:
        DemoConfig().ready()
    assert registry.menu == {
        "demo": navigation.Entry("demo", "Demo", "core:privacy", 500),
        "demo_admin": navigation.Entry("demo_admin", "Admin", "admin:index", visible="x.y"),
    }
    assert registry.account == {}
    assert registry.stylesheets == ["demo/demo.css"]


def test_an_app_without_declarations_registers_nothing():
    with navigation.override() as registry:
        NavigationMixin().ready()
    assert registry == navigation.Registry()
