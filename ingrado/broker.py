"""What queuing a task raises when the task queue's broker cannot be reached: the one list
for every place that queues work and falls back (`ingrado.emails`, `ingrado.generated_files`,
`communications.sending`)."""

from celery.exceptions import CeleryError
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

BROKER_ERRORS = (OperationalError, CeleryError, RedisError, OSError)
