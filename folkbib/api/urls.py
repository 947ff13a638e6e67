from django.urls import path, re_path

from folkbib.api import views
from folkbib.api.declarations import API
from folkbib.api.http import view_for

app_name = "api"

urlpatterns = [
    path("openapi.json", views.meta.openapi_document, name="openapi"),
    *(
        path(endpoint.route, view_for(endpoint), name=endpoint.name)
        for endpoint in API.endpoints.values()
    ),
    re_path(r"^(?P<rest>.*)$", views.meta.not_found, name="not_found"),
]
