"""What Celery beat runs every minute for the nieuwsbrief, by hand: start the scheduled
newsletters whose moment has come and pick up sendings a stopped worker left behind."""

from django.core.management.base import BaseCommand

from communications import sending, services


class Command(BaseCommand):
    help = "Send the scheduled newsletters that are due and resume interrupted sendings."

    def handle(self, *args, **options):
        started = services.newsletters_send_due()
        swept = sending.sweep()
        self.stdout.write(
            f"newsletters started: {started}, resumed: {swept['resumed']}, "
            f"finished: {swept['finished']}, marked uncertain: {swept['uncertain']}"
        )
