from django.urls import path

from forum import views

app_name = "forum"
urlpatterns = [
    path("boards/", views.index, name="index"),
    path("boards/following/", views.following, name="following"),
    path("search/", views.search, name="search"),
    path("leaving/", views.leaving, name="leaving"),
    path("s/<slug:space_slug>/", views.space_page, name="space"),
    path("s/<slug:space_slug>/join/", views.join_space, name="join_space"),
    path("s/<slug:space_slug>/leave/", views.leave_space, name="leave_space"),
    path("s/<slug:space_slug>/<slug:board_slug>/", views.board_page, name="board"),
    path("s/<slug:space_slug>/<slug:board_slug>/new/", views.new_thread, name="new_thread"),
    path("t/<int:thread_id>/", views.thread_page, name="thread"),
    path("t/<int:thread_id>/reply/", views.reply, name="reply"),
    path("t/<int:thread_id>/follow/", views.follow, name="follow"),
    path("p/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("p/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("p/<int:post_id>/react/", views.react, name="react"),
    path("p/<int:post_id>/history/", views.post_history, name="post_history"),
]
