from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from maillage.core.roles import Role

Handler = Callable[[HttpRequest], HttpResponse]


def forwarded_client(header: str, proxies: int) -> str | None:
    """The client's address in an X-Forwarded-For header written through `proxies` trusted proxies.

    Each proxy appends the address it received the request from, so the entry `proxies` places
    from the right is what the outermost trusted proxy saw; entries further left were written by
    the client and prove nothing. A request that came through fewer proxies has fewer entries,
    all written by trusted proxies: the leftmost is then the client. None when the entry is not an
    address (a misconfigured proxy), so that the connecting address counts instead."""
    entries = [entry.strip() for entry in header.split(",")]
    try:
        return str(ipaddress.ip_address(entries[-min(proxies, len(entries))]))
    except ValueError:
        return None


class ClientAddressMiddleware:
    """Behind MAILLAGE_TRUSTED_PROXIES reverse proxies, REMOTE_ADDR becomes the client's address,
    for Django and for allauth's login throttling: otherwise every visitor would share the
    proxy's address, and one person's failed logins would lock out everyone."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        proxies = settings.MAILLAGE_TRUSTED_PROXIES
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if proxies and header:
            client = forwarded_client(header, proxies)
            if client:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


class PrivateCacheMiddleware:
    """What a signed-in person is shown may hold personal information: no cache, shared or the
    browser's, keeps it (`Cache-Control: private, no-store`), unless its view set a Cache-Control
    of its own. Anonymous responses are left alone, so public pages may be cached."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class StaffMFARequiredMiddleware:
    """Coordination staff and administrators must enrol a second factor before anything else."""

    # Paths (after the optional language prefix, in each language) that stay reachable while
    # enrolling: the account pages and the privacy policy.
    allowed_prefixes = (
        "/comptes/",
        "/accounts/",
        "/static/",
        "/i18n/",
        "/confidentialite/",
        "/privacy/",
    )

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MAILLAGE_STAFF_MFA_REQUIRED and self._must_enrol(request):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_enrol(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or user.role not in (Role.STAFF, Role.ADMIN):
            return False
        path = request.path_info
        if path.startswith("/en/"):
            path = path[3:]
        if path.startswith(self.allowed_prefixes):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class TranslatedPathMiddleware:
    """Pages in another language than the default answer at their own translated paths
    (`/en/governance/`); the default language's path under that language's prefix
    (`/en/gouvernance/`, a bookmark from before, a link typed by hand) is not lost: a page that
    would be a 404 there redirects, permanently, to the translated path of the same page."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        default = settings.LANGUAGE_CODE
        self.prefixes = {f"/{code}/": code for code, _name in settings.LANGUAGES if code != default}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        for prefix, code in self.prefixes.items():
            if request.path_info.startswith(prefix):
                target = translated_path(request.path_info[len(prefix) - 1 :], code)
                if target and target != request.path_info:
                    query = request.META.get("QUERY_STRING", "")
                    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        return response


def translated_path(path: str, language: str) -> str | None:
    """The path of the page that `path` names in the default language, in `language`; None when
    `path` names no page of the platform (the public site's pages keep their own slugs)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name in TRANSLATED_PATH_SKIPPED:
            return None
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(language):
        try:
            return reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None


# The public site's catch-all pages answer any path: not a translated platform page.
TRANSLATED_PATH_SKIPPED = frozenset({"wagtail_serve", "home"})
