from django.urls import path

from peerwork.engagements import views

app_name = "engagements"

urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("request/", views.engagement_request, name="request"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/move/", views.engagement_move, name="move"),
    path("<int:pk>/note/", views.engagement_note, name="note"),
    path("<int:pk>/scoping/", views.engagement_scoping, name="scoping"),
]
