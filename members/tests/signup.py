"""Signing up and following the verification link, as the tests of accounts do it."""

import re
from types import SimpleNamespace

from django.urls import reverse

from members.models import Person
from outbox.models import OutgoingMail

PASSWORD = "Leerrecht-voor-iedereen-42"


def sign_up(client, email, password=PASSWORD, **fields):
    """Post the sign-up form (Noor Visser, school attendance officer, unless `fields` say
    otherwise; `HTTP_HOST` and other request headers pass through)."""
    headers = {name: fields.pop(name) for name in list(fields) if name.startswith("HTTP_")}
    data = {
        "email": email,
        "password1": password,
        "password2": password,
        "first_name": "Noor",
        "last_name": "Visser",
        "function": Person.Function.ATTENDANCE_OFFICER,
        **fields,
    }
    return client.post(reverse("account_signup"), data, **headers)


def verification_path(to=None):
    """The path of the verification link in the last mail (to `to`, if given): queued in the
    outbox with the sign-up, whether or not it has left yet."""
    rows = OutgoingMail.objects.order_by("-pk")
    body = next(row.text for row in rows if to is None or row.to == to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def queued():
    """The mails queued in the outbox so far, oldest first, shaped as Django's test outbox
    (`to`, `subject`, `body`): a mail is queued with the change it is about, and leaves
    only after the commit a test transaction never makes."""
    return [
        SimpleNamespace(to=[row.to], subject=row.subject, body=row.text)
        for row in OutgoingMail.objects.order_by("pk")
    ]
