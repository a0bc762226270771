from django.urls import path

from peerwork.impact.annual import views as views_annual
from peerwork.impact.questions import views as views_questions
from peerwork.impact.surveys import views
from peerwork.impact.targets import views as views_targets

app_name = "impact"

urlpatterns = [
    path("surveys/thank-you/", views.survey_thanks, name="survey-thanks"),
    path("surveys/<uuid:token>/", views.survey, name="survey"),
    path("engagements/<int:pk>/survey/", views.engagement_survey, name="engagement-survey"),
    path("impact/surveys/", views.surveys, name="surveys"),
    path("impact/surveys/trace/", views.survey_trace, name="survey-trace"),
    path("impact/questions/", views_questions.questions, name="questions"),
    path("impact/questions/add/", views_questions.question_edit, name="question-add"),
    path("impact/questions/<int:pk>/", views_questions.question_edit, name="question-edit"),
    path("impact/annual/", views_annual.annual_index, name="annual-index"),
    path("impact/annual/<int:year>/", views_annual.annual, name="annual"),
    path(
        "impact/annual/<int:year>/download.<str:fmt>",
        views_annual.annual_download,
        name="annual-download",
    ),
    path(
        "impact/annual/<int:year>/records/<slug:key>/",
        views_annual.annual_records,
        name="annual-records",
    ),
    path("impact/quarterly-return/", views_targets.quarterly, name="quarterly"),
    path("impact/targets/add/", views_targets.target_edit, name="target-add"),
    path("impact/targets/<int:pk>/", views_targets.target_edit, name="target-edit"),
]
