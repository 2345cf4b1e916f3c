from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as wagtail_document_views

from maillage.core import admin as core_admin
from maillage.core import views as core_views
from maillage.site import views as site_views
from maillage.site.admin_access import editor_urls

# The admin site logs in through the platform's own login (MFA, throttling), never its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Maillage"
# Administrators only, without the models that are noise there.
core_admin.restrict(admin.site)

urlpatterns = [
    # Health check for load balancers: outside the language prefixes, one query.
    path("sante/", core_views.health, name="health"),
    path("sitemap.xml", site_views.sitemap, name="sitemap"),
    # The site editor (Wagtail's admin): coordination staff and administrators only.
    path("edition/", include(editor_urls(wagtailadmin_urls.urlpatterns, prefix="/edition/"))),
    # Documents of the public site. Named groups, so the matrix can reverse them by name.
    re_path(
        r"^documents/(?P<document_id>\d+)/(?P<document_filename>.*)$",
        wagtail_document_views.serve,
        name="wagtaildocs_serve",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        wagtail_document_views.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("maillage.core.urls")),
    path(pgettext_lazy("URL", "privacy/"), include("maillage.privacy.urls")),
    path(pgettext_lazy("URL", "territories/"), include("maillage.territories.urls")),
    path(pgettext_lazy("URL", "portrait/"), include("maillage.portrait.urls")),
    path(pgettext_lazy("URL", "directory/"), include("maillage.network.urls")),
    path(pgettext_lazy("URL", "governance/"), include("maillage.governance.urls")),
    path(pgettext_lazy("URL", "decisions/"), include("maillage.decisions.urls")),
    path(pgettext_lazy("URL", "meetings/"), include("maillage.meetings.urls")),
    path(pgettext_lazy("URL", "funding/"), include("maillage.funding.urls")),
    path(pgettext_lazy("URL", "plan/"), include("maillage.planning.urls")),
    path(pgettext_lazy("URL", "participation/"), include("maillage.participation.urls")),
    path(pgettext_lazy("URL", "accounts/"), include("allauth.urls")),
    path(pgettext_lazy("URL", "admin/"), admin.site.urls),
    path("", include("maillage.site.urls")),
    # The public site (Wagtail's pages) answers everything else. Wagtail's own front-end login
    # form is replaced by a redirect: private pages send visitors to the platform's login.
    # The home page too goes through the site's view: its permission, and its route kept.
    path("", site_views.serve, {"path": ""}, name="home"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)$", site_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler403 = "maillage.core.errors.permission_denied"
handler404 = "maillage.core.errors.page_not_found"
handler500 = "maillage.core.errors.server_error"

if settings.DEBUG:  # pragma: no cover
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
