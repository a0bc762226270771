from django.urls import include, path

urlpatterns = [
    path("", include("peerwork.home.urls")),
    path("", include("peerwork.core.urls")),
    path("", include("peerwork.accounts.urls")),
    path("", include("peerwork.councils.urls")),
    path("offers/", include("peerwork.offers.urls")),
    path("", include("peerwork.peers.urls")),
    path("engagements/", include("peerwork.engagements.urls")),
    path("", include("peerwork.reports.urls")),
    path("", include("peerwork.matching.urls")),
    path("", include("peerwork.impact.urls")),
    path("", include("peerwork.programmes.urls")),
    path("", include("peerwork.audit.urls")),
]

handler403 = "peerwork.core.views.error_403"
handler404 = "peerwork.core.views.error_404"
handler500 = "peerwork.core.views.error_500"
