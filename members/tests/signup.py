"""Signing up and following the verification link, as the tests of accounts do it."""

import re

from django.core import mail
from django.urls import reverse

from members.models import Person

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
    """The path of the verification link in the last mail (to `to`, if given)."""
    message = next(m for m in reversed(mail.outbox) if to is None or m.to == [to])
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]
