"""URLs of the social library, included into the portal's namespace (``portal:``)."""

from django.urls import path

from folkbib.portal import community_views as views
from folkbib.portal import moderation_views as moderation

urlpatterns = [
    path("gemenskap/namn/", views.profile, name="community_profile"),
    path("post/<int:record_id>/betyg/", views.rate, name="rate"),
    path("post/<int:record_id>/taggar/", views.tag, name="tag_record"),
    path("post/<int:record_id>/taggar/<int:tagging_id>/ta-bort/", views.untag, name="untag_record"),
    path("post/<int:record_id>/recension/", views.review, name="review"),
    path("post/<int:record_id>/recension/ta-bort/", views.delete_review, name="delete_review"),
    path("post/<int:record_id>/lista/", views.add_to_list, name="add_to_list"),
    path("taggar/", views.tag_cloud, name="tag_cloud"),
    path("taggar/<str:name>/", views.tag_page, name="tag"),
    path("listor/", views.lists, name="reading_lists"),
    path("listor/ny/", views.new_list, name="new_reading_list"),
    path("listor/<int:list_id>/", views.reading_list, name="reading_list"),
    path("listor/<int:list_id>/andra/", views.edit_list, name="edit_reading_list"),
    path("listor/<int:list_id>/ta-bort/", views.delete_list, name="delete_reading_list"),
    path(
        "listor/<int:list_id>/poster/<int:entry_id>/ta-bort/",
        views.remove_from_list,
        name="remove_from_reading_list",
    ),
    path("forum/", views.forum, name="forum"),
    path("forum/trad/<int:thread_id>/", views.thread, name="forum_thread"),
    path("forum/trad/<int:thread_id>/svara/", views.reply, name="forum_reply"),
    path(
        "forum/trad/<int:thread_id>/prenumeration/",
        views.subscription,
        name="forum_subscription",
    ),
    path("forum/<slug:slug>/", views.board, name="forum_board"),
    path("forum/<slug:slug>/ny-trad/", views.new_thread, name="forum_new_thread"),
    path("anmal/<str:kind>/<int:content_id>/", views.report, name="report"),
    path("personal/moderering/", moderation.queue, name="moderation"),
    path("personal/moderering/ord/", moderation.blocked_words, name="moderation_words"),
    path(
        "personal/moderering/ord/<int:word_id>/ta-bort/",
        moderation.unblock_word,
        name="moderation_unblock_word",
    ),
    path("personal/moderering/logg/", moderation.log, name="moderation_log"),
    path(
        "personal/moderering/<str:kind>/<int:content_id>/",
        moderation.act,
        name="moderation_act",
    ),
]
