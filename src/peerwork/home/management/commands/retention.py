"""`peerwork retention [--dry-run]`: apply the privacy notice's retention periods."""

from django.core.management.base import BaseCommand

from peerwork.home.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods of the privacy notice. Each step in its own "
        "transaction; running it again does nothing more. Safe to run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be done, change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        for step, count in apply_retention(dry_run=dry_run):
            verb = "would be" if dry_run else "done"
            self.stdout.write(f"{step.name}: {count} {verb} ({step.describe})")
