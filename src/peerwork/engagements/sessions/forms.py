"""Booking a session: its kind, day, times, place or video link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import DateField


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of session"))
    day = DateField(label=_("Day"))
    starts = forms.TimeField(
        label=_("Start time"),
        help_text=_("24-hour clock, UK time, like 09:30"),
        error_messages={
            "required": _("Enter the start time"),
            "invalid": _("Enter the start time like 09:30"),
        },
    )
    ends = forms.TimeField(
        label=_("End time"),
        help_text=_("24-hour clock, UK time, like 16:00"),
        error_messages={
            "required": _("Enter the end time"),
            "invalid": _("Enter the end time like 16:00"),
        },
    )
    video_link = forms.URLField(
        assume_scheme="https",
        label=_("Video link (for a remote session)"),
        required=False,
        error_messages={"invalid": _("Enter the video link as a web address, like https://...")},
    )
    venue = forms.CharField(
        label=_("Venue (for a session on site)"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        from peerwork.engagements.models import SessionKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SessionKind.choices
        for name in ("starts", "ends"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-5"

    def clean(self):
        import datetime

        from django.utils import timezone

        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The session must end after it starts"))
            else:
                zone = timezone.get_current_timezone()
                data["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=zone)
                data["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=zone)
        if not data.get("video_link") and not data.get("venue", "").strip():
            self.add_error("venue", _("Give a video link or a venue"))
        return data

    def session_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "video_link": data["video_link"],
            "venue": data["venue"],
        }
