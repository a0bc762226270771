from django.urls import path

from peerwork.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.published_list, name="published-list"),
    path("reports/<int:report_id>/", views.published, name="published"),
    path("reports/<int:report_id>/pdf/", views.published_pdf, name="published-pdf"),
    path("engagements/<int:pk>/report/<slug:kind>/", views.report_page, name="report"),
    path("engagements/<int:pk>/report/<slug:kind>/start/", views.report_start, name="start"),
    path(
        "engagements/<int:pk>/report/<slug:kind>/summary/",
        views.summary_save,
        name="summary",
    ),
    path(
        "engagements/<int:pk>/report/<slug:kind>/sections/<int:section_id>/",
        views.section_edit,
        name="section",
    ),
    path(
        "engagements/<int:pk>/report/<slug:kind>/sections/<int:section_id>/comment/",
        views.comment_add,
        name="comment",
    ),
    path(
        "engagements/<int:pk>/report/<slug:kind>/comments/<int:comment_id>/resolve/",
        views.comment_resolve,
        name="resolve",
    ),
    path("engagements/<int:pk>/report/<slug:kind>/send/", views.report_send, name="send"),
    path("engagements/<int:pk>/report/<slug:kind>/publish/", views.report_publish, name="publish"),
    path("engagements/<int:pk>/action-plan/", views.action_plan, name="action-plan"),
    path(
        "engagements/<int:pk>/action-plan/<int:recommendation_id>/",
        views.action_edit,
        name="action",
    ),
    path(
        "engagements/<int:pk>/action-plan/publish/",
        views.action_plan_publish,
        name="action-plan-publish",
    ),
]
