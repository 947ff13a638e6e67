from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # /healthz, /readyz, /metrics
    path("", include("folkbib.operations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("personal/", include("folkbib.staff.urls")),
    path("talking/", include("folkbib.talking.urls")),
    path("api/v1/", include("folkbib.api.urls")),
    path("sru", include("folkbib.protocols.sru.urls")),
    path("oai", include("folkbib.protocols.oai.urls")),
    path("", include("folkbib.portal.urls")),
]
