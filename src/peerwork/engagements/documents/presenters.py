from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, link


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y %H:%M")


def document_table(documents) -> Table:
    table = Table(
        _("Documents"),
        [_("Title"), _("Kind"), _("Size"), _("Uploaded"), _("Sent to the team")],
        numeric={2},
    )
    for document in documents:
        table.add(
            link(document.title, "engagements:document", document.engagement_id, document.pk),
            document.get_kind_display(),
            filesizeformat(document.size),
            format_html(
                "{}<br><span class='govuk-body-s'>{}</span>",
                document.uploaded_by.full_name,
                _when(document.uploaded_at),
            ),
            _when(document.sent_to_team_at) if document.sent_to_team_at else _("Not yet"),
        )
    return table
