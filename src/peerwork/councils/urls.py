from django.urls import path

from peerwork.councils import views

app_name = "councils"

urlpatterns = [
    path("councils/", views.council_list, name="list"),
    path("councils/<slug:code>/", views.council_detail, name="detail"),
    path("regions/", views.region_list, name="regions"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
]
