"""The list of survey questions, a table per offer and audience."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Cell, Table, link


def question_table(offer, audience, questions) -> Table:
    """Each question's header cell has the id that saving a question returns to."""
    title = f"{offer.name if offer else _('Default questions')}: {audience}"
    table = Table(
        title,
        [_("Question"), _("Kind of answer"), _("Key"), _("Answers")],
        numeric={3},
        caption_hidden=True,
    )
    for question in questions:
        table.add(
            Cell(
                link(question.text, "impact:question-edit", question.pk),
                attributes={"id": f"question-{question.pk}"},
            ),
            question.get_kind_display(),
            format_html("<code>{}</code>", question.key),
            question.answered,
        )
    return table
