from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.core import selectors, services
from maillage.core.actors import actor_of
from maillage.core.htmx import is_htmx
from maillage.core.permissions import permission_required


@permission_required("core.view_public")
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@permission_required("core.view_notifications")
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
@permission_required("core.view_notifications")
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(actor=actor_of(request), notification=notification)
    if is_htmx(request):
        return render(
            request, "core/notification_list.html#notification", {"notification": notification}
        )
    return redirect("core:notifications")
