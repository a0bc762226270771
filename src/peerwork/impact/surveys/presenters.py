"""Survey figures and invitations as GOV.UK tables."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.core.presenters import Table
from peerwork.impact.models import Question
from peerwork.impact.surveys.selectors import Figure


def _percent(share: float) -> str:
    """50%, 98.5%, 66.7%: one decimal place at most."""
    return f"{share * 100:.1f}".removesuffix(".0") + "%"


def result(figure: Figure) -> str:
    """A figure in words; "No data" when no one answered, never 0."""
    if not figure.answered:
        return _("No data")
    if figure.kind == Question.Kind.YES_NO:
        return _("%(share)s said yes") % {"share": _percent(figure.share_yes)}
    if figure.kind == Question.Kind.SCALE5:
        return _("%(share)s satisfied (4 or 5); mean %(mean).1f out of 5") % {
            "share": _percent(figure.share_satisfied),
            "mean": figure.mean,
        }
    return ngettext("%(n)s comment", "%(n)s comments", figure.answered) % {"n": figure.answered}


def figures_table(caption: str, figures: dict[str, Figure], labels: dict[str, str]) -> Table:
    """One row per question this audience is asked, in the order it is asked."""
    table = Table(caption, [_("Question"), _("Answered"), _("Result")], numeric={1})
    for key, label in labels.items():
        figure = figures.get(key) or Figure(key=key, kind=Question.Kind.TEXT, answered=0)
        table.add(label, figure.answered, result(figure))
    return table


def invitation_counts_table(counts: dict[str, dict[str, int]]) -> Table:
    from peerwork.impact.models import Audience

    table = Table(_("Invitations"), [_("Asked"), _("Sent"), _("Answered")], numeric={1, 2})
    for audience in Audience:
        row = counts.get(audience.value, {"sent": 0, "answered": 0})
        table.add(audience.label, row["sent"], row["answered"])
    return table


def invitations_table(invitations) -> Table:
    """Who was sent a link, and when it closes. Whether each answered is not shown."""
    table = Table(_("Sent to"), [_("Name"), _("Role"), _("Email"), _("Sent"), _("Closes")])
    for invitation in invitations:
        table.add(
            invitation.name,
            invitation.get_role_display(),
            invitation.email,
            timezone.localtime(invitation.sent_at).strftime("%-d %b %Y"),
            timezone.localtime(invitation.closes_at).strftime("%-d %b %Y"),
        )
    return table


def trace_table(responses) -> Table:
    """Administrators only: each response with the invitation it came from."""
    table = Table(
        _("Responses and who gave them"),
        [_("Submitted"), _("Engagement"), _("Given by"), _("Answers")],
    )
    for response in responses:
        invitation = response.invitation
        who = f"{invitation.name} <{invitation.email}>" if invitation else _("Not known")
        answers = "; ".join(
            f"{answer.question.key}: {_answer_text(answer)}" for answer in response.answers.all()
        )
        table.add(
            timezone.localtime(response.submitted_at).strftime("%-d %b %Y %H:%M"),
            f"{response.engagement.council.short_name}, {response.offer.name}",
            who,
            answers,
        )
    return table


def _answer_text(answer) -> str:
    if answer.value_bool is not None:
        return _("yes") if answer.value_bool else _("no")
    if answer.value_int is not None:
        return str(answer.value_int)
    return answer.value_text
