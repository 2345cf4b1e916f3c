"""Accounts through django-allauth: who a sign-up makes, what it asks, where a confirmation leads.

An app above the core that sends people to the sign-up page with a known address (an invitation)
says so with `expect_signup_email`; the form then reminds the person of that address, masked, since
the link that led there may have been forwarded. The address is always typed and then confirmed by
e-mail: holding the link proves nothing about the mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.utils import get_next_redirect_url
from allauth.core import context
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage.core.models import User
from maillage.core.roles import Role

SIGNUP_EMAIL_SESSION = "maillage_signup_email"


def mask_email(email: str) -> str:
    """`jeanne@exemple.org` → `j•••@exemple.org`: enough to recognise one's own address."""
    local, at, domain = (email or "").partition("@")
    return f"{local[:1]}•••{at}{domain}" if local else ""


def expect_signup_email(request: HttpRequest, *, email: str, next_url: str) -> None:
    """A sign-up that comes back to `next_url` is for `email` (kept in the session only)."""
    request.session[SIGNUP_EMAIL_SESSION] = {"email": email, "next": next_url}


def expected_signup_email(request: HttpRequest | None) -> str:
    """The address `expect_signup_email` stored, for a sign-up going back to the same page."""
    if request is None or not hasattr(request, "session"):
        return ""
    stored = request.session.get(SIGNUP_EMAIL_SESSION) or {}
    wanted = request.POST.get("next") or request.GET.get("next")
    return str(stored.get("email", "")) if wanted and wanted == stored.get("next") else ""


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """Names first: they are how a person appears in the directory and in their workstreams."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected_email = expected_signup_email(context.request)
        if self.expected_email:
            self.fields["email"].help_text = _(
                "The invitation was sent to %(address)s: use that address to accept it."
            ) % {"address": mask_email(self.expected_email)}

    def clean_first_name(self) -> str:
        return str(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return str(self.cleaned_data["last_name"]).strip()


@dataclass(frozen=True)
class _CollectiveSite:
    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """A public sign-up creates a citizen account; other roles are given by administrators."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> Any:
        user.role = Role.CITIZEN
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """The account e-mails speak in the collective's name, not the server's host name."""
        site = get_current_site(self.request)
        collective = _CollectiveSite(settings.MAILLAGE_COLLECTIVE_NAME, site.domain)
        super().send_mail(template_prefix, email, {**context, "current_site": collective})

    def get_email_confirmation_url(self, request: HttpRequest | None, confirmation: Any) -> str:
        """The link carries the page the sign-up came from (`next`), so confirming, in this
        browser or another, goes back there (an invitation) instead of to the login page."""
        url = str(super().get_email_confirmation_url(request, confirmation))
        target = get_next_redirect_url(request) if request is not None else None
        if target and target.startswith("/") and not target.startswith("//"):
            url += "?" + urlencode({"next": target})
        return url
