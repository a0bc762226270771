from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.accounts import services
from peerwork.accounts.models import Role, User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    error_messages = {
        "invalid_login": _(
            "The email address or password is not right. Check them and try again, "
            "or reset your password."
        ),
        "inactive": _("This account has been closed. Ask the programme team to reopen it."),
        "locked": _(
            "This account is locked after too many attempts to sign in. "
            "Try again after %(time)s, or reset your password."
        ),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        password = self.cleaned_data.get("password")
        if not email or password is None:
            return self.cleaned_data
        account = User.objects.filter(email=email).first()
        if account is not None and account.is_locked():
            local = timezone.localtime(account.locked_until)
            raise forms.ValidationError(
                self.error_messages["locked"], params={"time": local.strftime("%H:%M")}
            )
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None:
            if account is not None:
                services.user_record_failed_sign_in(user=account)
            raise forms.ValidationError(self.error_messages["invalid_login"])
        self.confirm_login_allowed(self.user_cache)
        services.user_record_sign_in(user=self.user_cache)
        return self.cleaned_data


class UserRoleFields(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the person's role")},
    )
    # Querysets are set in __init__ through User's own relations: accounts sits below
    # councils and does not import it.
    council = forms.ModelChoiceField(
        label=_("Council (for a council contact)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a council"),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions (for a principal adviser)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        councils = User._meta.get_field("council").related_model.objects
        regions = User._meta.get_field("advised_regions").related_model.objects
        self.fields["council"].queryset = councils.current().principal()
        self.fields["regions"].queryset = regions.all()
        if acting_user.role != Role.ADMINISTRATOR:
            # Only an administrator may make someone an administrator.
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.ADMINISTRATOR]

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.COUNCIL_CONTACT and not data.get("council"):
            self.add_error("council", _("Choose the council this contact speaks for"))
        if role == Role.PRINCIPAL_ADVISER and not data.get("regions"):
            self.add_error("regions", _("Choose at least one region for the principal adviser"))
        return data


class InviteUserForm(UserRoleFields):
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter the person's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    field_order = ["full_name", "email", "role", "council", "regions"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("Someone already has an account with this email address"))
        return email


class EditUserForm(UserRoleFields):
    is_active = forms.BooleanField(
        label=_("Account is open (the person can sign in)"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ResetPasswordForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )

    def get_users(self, email):
        # Invited people who never chose a password may reset one too.
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
