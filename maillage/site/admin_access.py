"""Who reaches Wagtail's admin (the site editor at /edition/), and under which CSP.

Every view of the editor is wrapped: a visitor is sent to the platform's login (with its second
factor), anyone below coordination staff is refused with the reason, and the pages about accounts
and groups are closed to all (roles are given in the platform's administration, which keeps the
editors group in step). The editor's pages get a relaxed Content Security Policy, since Wagtail's
admin writes inline styles and scripts; the public pages keep the strict, nonce-based one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from wagtail.utils.urlpatterns import decorate_urlpatterns

from maillage.core.permissions import has_perm, reason_for

# Paths of the editor (after its prefix) closed to everyone: accounts are the platform's.
CLOSED_PREFIXES = ("users/", "groups/")
# Wagtail's pages for testing error pages: left out of the editor.
LEFT_OUT = {"wagtailadmin_error_test"}
LEFT_OUT_ROUTES = {"test404/"}

ADMIN_CSP: dict[str, Any] = {
    **settings.SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}

View = Callable[..., HttpResponseBase]


def _permission_for(request: HttpRequest, prefix: str) -> str:
    path = request.path_info
    rest = path[len(prefix) :] if path.startswith(prefix) else path
    return "site.manage_accounts" if rest.startswith(CLOSED_PREFIXES) else "site.edit"


def editor_required(prefix: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            name = _permission_for(request, prefix)
            if not has_perm(request.user, name):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(reason_for(name))
            return view(request, *args, **kwargs)

        return csp_override(ADMIN_CSP)(wrapped)

    return decorator


def editor_urls(
    patterns: list[URLPattern | URLResolver], *, prefix: str
) -> list[URLPattern | URLResolver]:
    """Wagtail's admin URL patterns, each view guarded by `editor_required`."""
    kept = [
        p
        for p in patterns
        if not (
            isinstance(p, URLPattern) and (p.name in LEFT_OUT or str(p.pattern) in LEFT_OUT_ROUTES)
        )
    ]
    return decorate_urlpatterns(kept, editor_required(prefix))
