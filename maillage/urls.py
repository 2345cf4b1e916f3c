from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# The admin site logs in through the platform's own login (MFA, throttling), never its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Maillage"

urlpatterns = i18n_patterns(
    path("", include("maillage.core.urls")),
    path("territoires/", include("maillage.territories.urls")),
    path("repertoire/", include("maillage.network.urls")),
    path("gouvernance/", include("maillage.governance.urls")),
    path("comptes/", include("allauth.urls")),
    path("administration/", admin.site.urls),
    prefix_default_language=False,
)

handler403 = "maillage.core.errors.permission_denied"
handler404 = "maillage.core.errors.page_not_found"
handler500 = "maillage.core.errors.server_error"

if settings.DEBUG:  # pragma: no cover
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
