from django.urls import path

from folkbib.portal import account_views as views
from folkbib.portal import question_urls

urlpatterns = [
    path("logga-in/", views.login, name="login"),
    path("logga-ut/", views.logout, name="logout"),
    path("mina-sidor/", views.my_pages, name="my_pages"),
    path("mina-sidor/lan/", views.loans, name="loans"),
    path("mina-sidor/lan/<int:loan_id>/lana-om/", views.renew, name="renew"),
    path("mina-sidor/lan/lana-om-alla/", views.renew_all, name="renew_all"),
    path("mina-sidor/reservationer/", views.holds, name="holds"),
    path(
        "mina-sidor/reservationer/<int:hold_id>/<str:action>/",
        views.hold_action,
        name="hold_action",
    ),
    path("mina-sidor/avgifter/", views.fees, name="fees"),
    path("mina-sidor/historik/", views.history, name="history"),
    path("mina-sidor/profil/", views.profile, name="profile"),
    path("mina-sidor/mina-uppgifter.json", views.export, name="export"),
    path("mina-sidor/avsluta-konto/", views.close_account, name="close_account"),
    path("post/<int:record_id>/reservera/", views.reserve, name="reserve"),
    *question_urls.urlpatterns,
]
