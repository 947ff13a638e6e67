"""The circulation desk under /personal/ (Swedish for staff)."""

from django.urls import include, path

from folkbib.staff.views import auth, checkin, checkout, lists, patron_actions, questions

app_name = "staff"

urlpatterns = [
    path("", auth.home, name="home"),
    path("logga-in/", auth.login, name="login"),
    path("logga-ut/", auth.logout, name="logout"),
    path("bibliotek/", auth.branch, name="branch"),
    path("utlan/", checkout.checkout, name="checkout"),
    path("utlan/kort/", checkout.scan_card, name="scan_card"),
    path("utlan/exemplar/", checkout.scan_item, name="scan_item"),
    path("utlan/klar/", checkout.finish, name="finish"),
    path("utlan/omlan-alla/", patron_actions.renew_all, name="renew_all"),
    path("utlan/lan/<int:loan_id>/omlan/", patron_actions.renew, name="renew"),
    path("utlan/lan/<int:loan_id>/forlorad/", patron_actions.mark_lost, name="mark_lost"),
    path(
        "utlan/lan/<int:loan_id>/uppges-aterlamnad/",
        patron_actions.claims_returned,
        name="claims_returned",
    ),
    path("utlan/avgift/<int:fee_id>/betala/", patron_actions.pay_fee, name="pay_fee"),
    path("utlan/avgift/<int:fee_id>/avskriv/", patron_actions.waive_fee, name="waive_fee"),
    path("utlan/reservera/", patron_actions.place_hold, name="place_hold"),
    path("utlan/reservation/<int:hold_id>/avboka/", patron_actions.cancel_hold, name="cancel_hold"),
    path(
        "utlan/reservation/<int:hold_id>/pausa/", patron_actions.suspend_hold, name="suspend_hold"
    ),
    path(
        "utlan/reservation/<int:hold_id>/ateruppta/",
        patron_actions.resume_hold,
        name="resume_hold",
    ),
    path(
        "utlan/reservation/<int:hold_id>/hamtstalle/",
        patron_actions.change_pickup,
        name="change_pickup",
    ),
    path(
        "utlan/reservation/<int:hold_id>/prioritet/",
        patron_actions.set_priority,
        name="set_priority",
    ),
    path("aterlamning/", checkin.checkin, name="checkin"),
    path("lappar/hamtlapp/<int:hold_id>/", checkin.hold_slip, name="hold_slip"),
    path("lappar/transportlapp/<int:transit_id>/", checkin.transit_slip, name="transit_slip"),
    path("plocklista/", lists.pull_list, name="pull_list"),
    path("hamthylla/", lists.hold_shelf, name="hold_shelf"),
    path("transporter/", lists.transits, name="transits"),
    path("fragor/", questions.inbox, name="questions"),
    path("fragor/<int:conversation_id>/", questions.question, name="question"),
    path("fragor/<int:conversation_id>/svara/", questions.answer, name="question_answer"),
    path("fragor/<int:conversation_id>/avsluta/", questions.close, name="question_close"),
    path("fragor/<int:conversation_id>/oppna/", questions.reopen, name="question_reopen"),
    path("", include("folkbib.staff.urls_patrons")),
    path("", include("folkbib.staff.urls_cataloguing")),
    path("", include("folkbib.staff.urls_statistics")),
    path("", include("folkbib.staff.urls_admin")),
]
