from maillage.core import navigation
from maillage.core.apps import MenuItem, NavigationMixin


class DemoConfig(NavigationMixin):
    label = "demo"
    verbose_name = "Demonstration"
    menu_item = MenuItem("core:my_space", order=500)
    stylesheet = "demo/demo.css"


class OtherConfig(NavigationMixin):
    label = "other"
    verbose_name = "Others"
    menu_item = MenuItem("core:notifications", order=600, label="Other")


def test_an_app_declares_its_menu_entry_and_stylesheet_and_registers_them_when_ready():
    with navigation.override() as registry:
        DemoConfig().ready()
        OtherConfig().ready()
    assert registry.menu == {
        "demo": navigation.Entry("demo", "Demonstration", "core:my_space", 500),
        "other": navigation.Entry("other", "Other", "core:notifications", 600),
    }
    assert registry.account == {}
    assert registry.stylesheets == ["demo/demo.css"]


def test_an_app_without_declarations_registers_nothing():
    with navigation.override() as registry:
        NavigationMixin().ready()
    assert registry == navigation.Registry()
