from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from maillage.core.roles import Role


class StaffMFARequiredMiddleware:
    """Coordination staff and administrators must enrol a second factor before anything else."""

    # Paths (after the optional language prefix) that stay reachable while enrolling.
    allowed_prefixes = ("/comptes/", "/static/", "/i18n/", "/confidentialite/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
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
