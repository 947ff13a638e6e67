"""URLs of "Frågor till biblioteket" on My pages (in the portal's namespace)."""

from django.urls import path

from folkbib.portal import question_views as views

urlpatterns = [
    path("mina-sidor/fragor/", views.questions, name="questions"),
    path("mina-sidor/fragor/ny/", views.ask, name="ask_question"),
    path("mina-sidor/fragor/<int:conversation_id>/", views.question, name="question"),
    path("mina-sidor/fragor/<int:conversation_id>/svara/", views.reply, name="question_reply"),
    path("mina-sidor/fragor/<int:conversation_id>/avsluta/", views.close, name="question_close"),
    path("mina-sidor/fragor/<int:conversation_id>/oppna/", views.reopen, name="question_reopen"),
]
