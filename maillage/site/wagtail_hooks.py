"""Wagtail admin hooks: accounts and groups are the platform's, so the editor hides them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

HIDDEN_SETTINGS = {"users", "groups"}


@hooks.register("construct_settings_menu")
def hide_account_settings(request: HttpRequest, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_SETTINGS]
