from django.contrib import admin
from django.urls import include, path

from folkbib.core.language import choose_language

urlpatterns = [
    # /healthz, /readyz, /metrics
    path("", include("folkbib.operations.urls")),
    path("sprak/", choose_language, name="choose_language"),  # the pages' language switch
    path("i18n/", include("django.conf.urls.i18n")),  # Django's POST set_language, kept
    path("admin/", admin.site.urls),
    path("personal/", include("folkbib.staff.urls")),
    path("talking/", include("folkbib.talking.urls")),
    path("api/v1/", include("folkbib.api.urls")),
    path("sru", include("folkbib.protocols.sru.urls")),
    path("oai", include("folkbib.protocols.oai.urls")),
    path("", include("folkbib.portal.urls")),
]
