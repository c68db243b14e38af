"""Run inside Django: each page's query count (without the session's) and one request's
server time (median of five, after a warm-up), in-process with Django's test client.
BENCH_REQUESTS is a JSON list of [name, path, who]. Prints one JSON line."""

import json
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ACCOUNTS = {"member": "lid@example.org", "staff": "expert@example.org"}
clients = {"": Client()}
for who, email in ACCOUNTS.items():
    clients[who] = Client()
    clients[who].force_login(get_user_model().objects.get(email=email))

profile = {}
for name, path, who in json.loads(os.environ["BENCH_REQUESTS"]):
    client = clients[who]

    def get(client=client, path=path):
        response = client.get(path, secure=True, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (path, response.status_code)

    get()
    spent = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            get()
            spent.append(time.perf_counter() - started)
    count = sum(1 for query in queries.captured_queries if "django_session" not in query["sql"])
    profile[name] = {"queries": count, "ms": 1000 * statistics.median(spent)}
print(json.dumps(profile))
