"""What queuing a task raises when the task queue's broker cannot be reached: the one list
for every place that queues work and falls back (`ingrado.generated_files`, the outbox,
`communications.sending`, `queue_after_commit` below)."""

import logging

from celery.exceptions import CeleryError
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BROKER_ERRORS = (OperationalError, CeleryError, RedisError, OSError)


def queue_after_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits. When the broker cannot be
    reached the task runs in this process instead, so the work is not lost because Redis is
    away (the task must be idempotent: every task of the portal is)."""

    def queue():
        try:
            task.apply_async(args=args, retry=False)
        except BROKER_ERRORS as error:
            logger.warning("%s run in-process, the broker is unreachable: %s", task.name, error)
            task.apply(args=args)

    transaction.on_commit(queue)
