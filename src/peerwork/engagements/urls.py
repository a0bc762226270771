from django.urls import path

from peerwork.engagements import views
from peerwork.engagements.documents import views as views_documents
from peerwork.engagements.panel import views as views_panel
from peerwork.engagements.sessions import views as views_sessions
from peerwork.engagements.team import views as views_team

app_name = "engagements"

urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("request/", views.engagement_request, name="request"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/move/", views.engagement_move, name="move"),
    path("<int:pk>/note/", views.engagement_note, name="note"),
    path("<int:pk>/scoping/", views.engagement_scoping, name="scoping"),
    path("<int:pk>/team/", views_team.team_page, name="team"),
    path("<int:pk>/team/<int:number>/", views_team.place_page, name="place"),
    path("<int:pk>/team/feedback/<int:member_id>/", views_team.feedback, name="feedback"),
    path("invitations/<uuid:token>/", views_team.invitation, name="invitation"),
    path("<int:pk>/team/shortlist/send/", views_panel.shortlist_send, name="shortlist-send"),
    path("<int:pk>/panel/", views_panel.panel_choice, name="panel"),
    path("<int:pk>/sessions/", views_sessions.session_list, name="sessions"),
    path(
        "<int:pk>/sessions/<int:session_id>/",
        views_sessions.session_change,
        name="session-change",
    ),
    path(
        "<int:pk>/sessions/<int:session_id>/cancel/",
        views_sessions.session_cancel,
        name="session-cancel",
    ),
    path(
        "<int:pk>/sessions/<int:session_id>.ics",
        views_sessions.session_calendar,
        name="session-calendar",
    ),
    path("<int:pk>/documents/", views_documents.document_list, name="documents"),
    path("<int:pk>/documents/send/", views_documents.documents_send, name="documents-send"),
    path(
        "<int:pk>/documents/<int:document_id>/",
        views_documents.document_download,
        name="document",
    ),
]
