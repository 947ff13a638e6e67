from django.urls import path

from folkbib.api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("talking/items/<str:barcode>", views.talking_item, name="talking_item"),
    path("talking/records/<int:record_id>", views.talking_record, name="talking_record"),
]
