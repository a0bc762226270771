"""`peerwork send-email`: how the kept emails stand, and trying again those that failed."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from peerwork.core import email
from peerwork.core.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Count the kept emails by state (waiting, sent, failed). With --retry-failed, queue "
        "a new try for every email that could not be sent (after the mail server is mended)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true")

    def handle(self, *args, retry_failed, **options):
        if retry_failed:
            failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)
            self.stdout.write(f"Queued again {email.requeue(failed)} failed emails.")
        counts = dict(
            OutgoingEmail.objects.values_list("status").annotate(n=Count("pk")).order_by()
        )
        for status in OutgoingEmail.Status:
            self.stdout.write(f"{status.label}: {counts.get(status.value, 0)}")
