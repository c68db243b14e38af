"""Project-wide periodic tasks."""

from celery import shared_task

from ingrado import generated_files


@shared_task
def recover_generated_files() -> dict[str, int]:
    """Queue again the generated files that are stuck (run by Celery beat every minute)."""
    return generated_files.sweep()
