from django.urls import path

from peerwork.offers import views

app_name = "offers"

urlpatterns = [
    path("", views.offer_list, name="list"),
    path("new/", views.offer_edit, name="new"),
    path("<slug:slug>/", views.offer_detail, name="detail"),
    path("<slug:slug>/edit/", views.offer_edit, name="edit"),
]
