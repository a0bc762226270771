from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from peerwork.accounts import lockout, permissions
from peerwork.accounts.models import Role, User
from peerwork.core.email import queue_email
from peerwork.core.forms import FilterChoiceField, ModelMultipleChoiceField, SearchField

# The council and region records, reached through the account's own relations so that
# accounts, at the bottom of the layers, imports nothing from the register above it.
Council = User._meta.get_field("council").related_model
Region = User._meta.get_field("advised_regions").related_model


NOT_SIGNED_IN = _(
    "The email address or password is not right, or there have been too many attempts "
    "to sign in. Check them and try again later, or reset your password."
)


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

    # One message for a wrong password, an address with no account, a closed account and
    # a lock-out: the page must not tell anyone which addresses have accounts or which
    # are locked (the page explains the lock-out to everyone, above the form).
    error_messages = {"invalid_login": NOT_SIGNED_IN, "inactive": NOT_SIGNED_IN}

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        password = self.cleaned_data.get("password")
        if not email or password is None:
            return self.cleaned_data
        self.user_cache = lockout.authenticate_in_turn(self.request, email=email, password=password)
        if self.user_cache is None:
            raise forms.ValidationError(self.error_messages["invalid_login"])
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class UserRoleFields(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        help_text=_("Choose every role the person holds, for example peer and board member."),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role for the person")},
    )
    # Querysets are set in __init__ through User's own relations: accounts sits below
    # councils and does not import it.
    council = forms.ModelChoiceField(
        label=_("Council (for a council contact)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a council"),
    )
    regions = ModelMultipleChoiceField(
        label=_("Regions (for a principal adviser)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.current().principal()
        self.fields["regions"].queryset = Region.objects.all()
        grantable = permissions.grantable_roles(acting_user)
        self.fields["roles"].choices = [c for c in Role.choices if c[0] in grantable]

    def clean(self):
        data = super().clean()
        missing = permissions.may_hold(
            set(data.get("roles") or ()), council=data.get("council"), regions=data.get("regions")
        )
        if "council" in missing:
            self.add_error("council", _("Choose the council this contact speaks for"))
        if "regions" in missing:
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
    field_order = ["full_name", "email", "roles", "council", "regions"]

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

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Kept and sent by the worker, like every other email, so a mail server that
        is down never shows the person an error (peerwork.core.email)."""
        queue_email(
            recipients=[to_email],
            subject=render_to_string(subject_template_name, context),
            body=render_to_string(email_template_name, context),
        )


class UserFilterForm(forms.Form):
    """The users page's search (GET parameters)."""

    q = SearchField(label=_("Name or email"))
    role = FilterChoiceField(
        label=_("Role"),
        invalid=_("Choose a role from the list"),
        choices=[("", _("Any")), *Role.choices],
    )
