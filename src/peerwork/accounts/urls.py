from django.urls import path

from peerwork.accounts import views
from peerwork.accounts.two_factor import views as views_two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views_two_factor.challenge, name="two-factor-challenge"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept-invitation",
    ),
    path("account/", views.account, name="account"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("account/two-factor/", views_two_factor.set_up, name="two-factor-setup"),
    path(
        "account/two-factor/recovery-codes/",
        views_two_factor.recovery_codes,
        name="two-factor-recovery-codes",
    ),
    path("users/", views.user_list, name="users"),
    path("users/invite/", views.user_invite, name="user-invite"),
    path("users/<int:pk>/", views.user_edit, name="user-edit"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user-unlock"),
    path(
        "users/<int:pk>/two-factor/reset/",
        views_two_factor.user_reset,
        name="user-two-factor-reset",
    ),
]
