from django.urls import path

from folkbib.talking import views

app_name = "talking"

urlpatterns = [
    path("", views.kiosk, name="kiosk"),
    path("lookup", views.lookup, name="lookup"),
    path("records/<int:record_id>/<str:level>", views.describe, name="describe"),
    path("speech/<str:token>", views.speech, name="speech"),
    path("browse", views.browse, name="browse"),
    path("browse/genres", views.genres, name="genres"),
    path("browse/genre", views.genre, name="genre"),
    path("browse/new", views.new_arrivals, name="new"),
    path("browse/loans", views.loans, name="loans"),
    path("sign-in", views.sign_in, name="sign_in"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("pickup-branches", views.pickup_branches, name="pickup_branches"),
    path("reserve", views.reserve, name="reserve"),
    path("settings", views.settings_menu, name="settings"),
    path("settings/change", views.change_setting, name="change_setting"),
    path("staff/sheet", views.barcode_sheet, name="sheet"),
]
