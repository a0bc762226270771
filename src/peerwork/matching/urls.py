from django.urls import path

from peerwork.matching import views

app_name = "matching"

urlpatterns = [
    path("engagements/<int:pk>/team/propose/", views.propose, name="propose"),
    path("engagements/<int:pk>/team/repair/", views.repair, name="repair"),
    path("matching/batch/", views.batch, name="batch"),
    path("matching/batch/<int:run_id>/", views.batch_run, name="batch-run"),
    path("matching/batch/<int:run_id>/cancel/", views.batch_cancel, name="batch-cancel"),
]
