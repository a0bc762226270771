from django.urls import path

from peerwork.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("engagements/overdue/", views.overdue, name="overdue"),
]
