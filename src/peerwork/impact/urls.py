from django.urls import path

from peerwork.impact import views

app_name = "impact"

urlpatterns = [
    path("surveys/thank-you/", views.survey_thanks, name="survey-thanks"),
    path("surveys/<uuid:token>/", views.survey, name="survey"),
    path("engagements/<int:pk>/survey/", views.engagement_survey, name="engagement-survey"),
    path("impact/surveys/", views.surveys, name="surveys"),
]
