"""Views of the public site: its pages (Wagtail's view, with their routes kept), search, the
sitemap, and the staff's newsletter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import views as wagtail_views
from wagtail.models import Locale

from maillage.core.actions import action_redirect, form_redirect, form_status
from maillage.core.formtools import query_text
from maillage.core.permissions import has_perm, permission_required
from maillage.core.search import terms as search_terms
from maillage.site import routes, selectors, services
from maillage.site.forms import NewsletterForm
from maillage.site.sitemaps import SiteSitemap

# The overview shows the first results of each kind; a kind's own pages show more at once.
PREVIEW_SIZE = 5
RESULTS_PER_PAGE = 20


@permission_required("site.view_page")
def search(request: HttpRequest) -> HttpResponse:
    """One search over the site's pages and the platform: `?q=` the words, `&type=` one kind
    of result (paginated); without a kind, the first results of every kind."""
    query = query_text(request.GET, "q")
    kind = query_text(request.GET, "type", max_length=40)
    searched = bool(search_terms(query))
    chosen = None
    if searched and kind:
        chosen = selectors.search_kind_page(
            viewer=request.user,
            query=query,
            kind=kind,
            number=request.GET.get("page"),
            per_page=RESULTS_PER_PAGE,
        )
    context: dict[str, object] = {
        "query": query,
        "searched": searched,
        "kind": chosen,
        "may_see_people": has_perm(request.user, "network.view_people"),
    }
    if chosen is not None:
        context["results"] = chosen.page(RESULTS_PER_PAGE)
    elif searched:
        previews = selectors.search_previews(viewer=request.user, query=query, limit=PREVIEW_SIZE)
        context["previews"] = previews
        context["total"] = sum(preview.total for preview in previews)
    return render(request, "site/search.html", context)


@permission_required("site.view_page")
def sitemap(request: HttpRequest) -> HttpResponse:
    response = django_sitemap(request, sitemaps={"pages": SiteSitemap(request)})
    assert isinstance(response, TemplateResponse)
    return response


@permission_required("site.view_page")
def serve(request: HttpRequest, path: str) -> HttpResponse:
    """A page of the site: Wagtail serves it (its hooks check view restrictions), after
    `routes.prepare` has given it the page from the cache."""
    routes.prepare(request, path)
    response: HttpResponse = wagtail_views.serve(request, path)
    return response


@permission_required("site.send_newsletter")
def newsletter_list(request: HttpRequest) -> HttpResponse:
    """The newsletters sent and to send, and the form of a new one (`?from=news`: drafted from
    the latest news of the page's language)."""
    initial = {}
    if request.method != "POST" and request.GET.get("from") == "news":
        initial = selectors.newsletter_from_latest_news(Locale.get_active())
        if not initial:
            messages.info(request, _("There is no news to draw from yet."))
    form = NewsletterForm(request.POST or None, initial=initial)
    done = form_redirect(
        request,
        form,
        lambda actor: services.newsletter_create(actor=actor, **form.cleaned_data),
        success=_("The newsletter is written: check it, then send it."),
        to=reverse("site:newsletter_list"),
    )
    if done:
        return done
    page = Paginator(selectors.newsletters(), 20).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "recipients": selectors.newsletter_recipients().count(),
    }
    return render(request, "site/newsletter_list.html", context, status=form_status(form))


@permission_required("site.send_newsletter")
@require_POST
def newsletter_send(request: HttpRequest, pk: int) -> HttpResponse:
    newsletter = get_object_or_404(selectors.newsletters(), pk=pk)
    return action_redirect(
        request,
        lambda actor: services.newsletter_send(actor=actor, newsletter=newsletter),
        success=_("The newsletter is on its way."),
        to=reverse("site:newsletter_list"),
    )
