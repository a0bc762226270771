from django.urls import path

from peerwork.audit import views

app_name = "audit"

urlpatterns = [
    path("audit-log/", views.log, name="log"),
]
