from django.urls import path

from peers import mentor_views, views

app_name = "peers"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("recover/", views.recover, name="recover"),
    path("account/", views.account, name="account"),
    path("account/passphrase/", views.change_passphrase, name="change_passphrase"),
    path("account/recovery-codes/", views.new_recovery_codes, name="new_recovery_codes"),
    path("account/logout-everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("account/discreet/", views.set_discreet_mode, name="discreet_mode"),
    path("account/data/", views.download_data, name="download_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("account/step-down/", mentor_views.step_down, name="mentor_step_down"),
    path("mentors/apply/", mentor_views.apply, name="mentor_apply"),
    path("moderation/mentors/", mentor_views.applications, name="mentor_applications"),
    path("moderation/mentors/applications/<int:application_id>/decide/", mentor_views.decide, name="mentor_decide"),
    path("moderation/mentors/<int:member_id>/revoke/", mentor_views.revoke, name="mentor_revoke"),
]
