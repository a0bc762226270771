import datetime

from django.core.management.base import BaseCommand, CommandError

from peerwork.reports.deadlines.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email a reminder for every deadline due within 14 days or overdue, and every "
        "overdue action, once each. Safe to run as often as you like (hourly from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the date to run as, YYYY-MM-DD (for testing)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(
                    f"--today must be a date like 2027-03-09, not {today}"
                ) from error
        run = reminders_send(today=today, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        if dry_run or options["verbosity"] > 1:
            for r in run.reminders:
                self.stdout.write(
                    f"{verb}: {r.engagement} {r.deadline} {r.state} {r.due_on:%Y-%m-%d} "
                    f"to {', '.join(r.recipients)}"
                )
        summary = f"{verb} {run.sent} reminders, {run.already_sent} already sent"
        if run.nobody_to_tell:
            summary += f", {run.nobody_to_tell} with nobody to send to"
        self.stdout.write(summary + (" (dry run)" if dry_run else ""))
