from django.urls import path

from peers import views

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
]
