"""Who the person in charge is, and what of them is published."""

from __future__ import annotations

from typing import Any

from maillage.core import cache
from maillage.privacy.models import Officer

# The published contact, kept until an officer record changes (`PrivacyConfig.ready`).
OFFICER_CACHE = "privacy.officer"


def current_officer() -> Officer | None:
    """The person in charge in force: the latest record."""
    return Officer.objects.select_related("account").order_by("-created_at", "-pk").first()


def officer_history() -> list[Officer]:
    return list(Officer.objects.select_related("account").order_by("-created_at", "-pk")[:50])


def published_contact() -> dict[str, Any]:
    """The title and contact the public reads beside every form that collects personal
    information; empty when nobody is named yet. Kept, since nearly every form shows it."""

    def read() -> dict[str, Any]:
        officer = Officer.objects.order_by("-created_at", "-pk").first()
        if officer is None:
            return {}
        return {
            "title": officer.title,
            "email": officer.contact_email,
            "phone": officer.contact_phone,
        }

    return cache.fragment(OFFICER_CACHE, visibility="public", render=read)


def officer_account_id() -> int | None:
    """The account of the person in charge, if they have one. Kept: the menu asks it on every
    page of a signed-in person who is not staff."""
    return cache.fragment(
        OFFICER_CACHE,
        visibility="public",
        filters=["account"],
        render=lambda: (
            Officer.objects.order_by("-created_at", "-pk")
            .values_list("account_id", flat=True)
            .first()
        ),
    )
