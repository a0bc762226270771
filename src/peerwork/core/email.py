"""Sending email once the change it tells of is saved.

Every email peerwork sends because something changed goes through `email_after_commit`,
so that nobody is told of a change that was then rolled back, and so that sending can
later move to a task queue in one place.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string


def email_after_commit(
    template_prefix: str,
    recipients: Iterable[str | None],
    context: dict,
    *,
    attachments: Iterable[tuple[str, str, str]] = (),
) -> None:
    """Email `template_prefix` to `recipients` once the current transaction commits.

    The subject is `<prefix>_subject.txt`, the text `<prefix>.txt`, and `<prefix>.html`
    an HTML version if there is one; all are rendered now, in the language of the moment,
    with the organisation's name added to `context`. Empty and repeated addresses are
    dropped, and nothing is sent if none are left. `attachments` are (name, content,
    mimetype) triples.
    """
    recipients = sorted(set(filter(None, recipients)))
    if not recipients:
        return
    context = {"organisation_name": settings.PEERWORK_ORGANISATION_NAME, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject, render_to_string(f"{template_prefix}.txt", context), None, recipients
    )
    try:
        html = get_template(f"{template_prefix}.html")
    except TemplateDoesNotExist:
        pass
    else:
        message.attach_alternative(html.render(context), "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    transaction.on_commit(message.send)
