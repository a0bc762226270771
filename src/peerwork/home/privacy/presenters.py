"""A person's data (from `selectors.personal_data`) drawn as GOV.UK summary lists and
tables, one section for each kind of record."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from peerwork.core.presenters import Table

LABELS = {
    "id": _lazy("Reference"),
    "full_name": _lazy("Full name"),
    "email": _lazy("Email address"),
    "roles": _lazy("Roles"),
    "council": _lazy("Council"),
    "active": _lazy("Account open"),
    "date_joined": _lazy("Joined"),
    "last_sign_in": _lazy("Last signed in"),
    "kind": _lazy("Kind"),
    "phone": _lazy("Phone"),
    "home_council": _lazy("Home council"),
    "home_role": _lazy("Role"),
    "party": _lazy("Political party"),
    "status": _lazy("Status"),
    "most_engagements_a_year": _lazy("Most engagements a year"),
    "most_peer_days_a_year": _lazy("Most peer days a year"),
    "experience": _lazy("Experience"),
    "created_at": _lazy("Created"),
    "council_types": _lazy("Kinds of council you know"),
    "skill": _lazy("Skill"),
    "level": _lazy("Level"),
    "role": _lazy("Role"),
    "from": _lazy("From"),
    "until": _lazy("Until"),
    "reason": _lazy("Reason"),
    "declared_on": _lazy("Declared on"),
    "name": _lazy("Name"),
    "completed_on": _lazy("Completed on"),
    "expires_on": _lazy("Expires on"),
    "note": _lazy("Note"),
    "consent_given_at": _lazy("Consent given"),
    "gender": _lazy("Gender"),
    "disability": _lazy("Disability"),
    "ethnicity": _lazy("Ethnicity"),
    "engagement": _lazy("Engagement"),
    "peer_days": _lazy("Peer days"),
    "invited_at": _lazy("Invited"),
    "answered_at": _lazy("Answered"),
    "reason_for_declining": _lazy("Reason for declining"),
    "session": _lazy("Session"),
    "starts_at": _lazy("Starts"),
    "ends_at": _lazy("Ends"),
    "current": _lazy("Current"),
    "submitted_at": _lazy("Submitted"),
    "skills": _lazy("Skills"),
    "diversity": _lazy("Diversity information"),
    "decision_note": _lazy("Reason or question"),
    "sent_at": _lazy("Sent"),
    "answers": _lazy("Answers given"),
    "subject": _lazy("Subject"),
    "body": _lazy("Text"),
    "section": _lazy("Section"),
    "comment": _lazy("Comment"),
    "at": _lazy("When"),
    "resolution": _lazy("How it was resolved"),
    "requested_at": _lazy("Requested"),
    "contact_name": _lazy("Contact's name"),
    "contact_email": _lazy("Contact's email address"),
    "description": _lazy("What you asked for help with"),
    "title": _lazy("Title"),
    "uploaded_at": _lazy("Uploaded"),
    "text": _lazy("Text"),
    "question": _lazy("Question"),
    "answer": _lazy("Answer"),
}

SECTIONS = [
    ("memberships", _lazy("Engagements you were invited to")),
    ("bookings", _lazy("Sessions you were booked on")),
    ("applications", _lazy("Your applications to be a peer")),
    ("survey_invitations", _lazy("Surveys you were asked to answer, and your answers")),
    ("emails", _lazy("Emails peerwork sent you")),
    ("reports", _lazy("Reports of engagements you were on the team of")),
    ("report_comments", _lazy("Your comments on reports")),
    ("requests", _lazy("Requests for support you made")),
    ("documents", _lazy("Documents you uploaded")),
    ("notes", _lazy("Notes you wrote on engagements")),
]
PEER_LISTS = [
    ("skills", _lazy("Your skills")),
    ("former_roles", _lazy("Your past roles")),
    ("declared_interests", _lazy("Interests you declared")),
    ("accreditations", _lazy("Your training and accreditation")),
    ("unavailability", _lazy("Dates you are not available")),
]


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict):
        return "; ".join(f"{LABELS.get(k, k)}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _rows(record: dict, skip=()) -> list[tuple]:
    return [(LABELS.get(k, k), _text(v)) for k, v in record.items() if k not in skip]


def _table(caption, records: list[dict]) -> Table:
    keys = list(records[0])
    table = Table(caption=caption, head=[LABELS.get(k, k) for k in keys], caption_hidden=True)
    for record in records:
        table.add(*[_text(record[k]) for k in keys])
    return table


@dataclass
class Part:
    heading: str
    rows: list = field(default_factory=list)  # a summary list
    table: Table | None = None
    empty: bool = False


def data_page(data: dict) -> list[Part]:
    parts = [Part(_("Your account"), rows=_rows(data["account"]))]
    peer = data["peer"]
    if peer:
        lists = {key for key, _title in PEER_LISTS} | {"diversity"}
        parts.append(Part(_("Your peer record"), rows=_rows(peer, skip=lists)))
        for key, title in PEER_LISTS:
            parts.append(
                Part(
                    str(title),
                    table=_table(title, peer[key]) if peer[key] else None,
                    empty=not peer[key],
                )
            )
        parts.append(
            Part(
                _("Your diversity information"),
                rows=_rows(peer["diversity"]) if peer["diversity"] else [],
                empty=not peer["diversity"],
            )
        )
    for key, title in SECTIONS:
        records = data[key]
        parts.append(
            Part(str(title), table=_table(title, records) if records else None, empty=not records)
        )
    return parts
