from django.urls import path

from peerwork.home import views
from peerwork.home.privacy import views as privacy

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("engagements/overdue/", views.overdue, name="overdue"),
    path("my/data/", privacy.my_data, name="my-data"),
    path("my/data.json", privacy.my_data_json, name="my-data-json"),
    path("users/<int:pk>/erase/", privacy.erase_user, name="erase-user"),
    path("peers/<int:pk>/erase/", privacy.erase_peer, name="erase-peer"),
]
