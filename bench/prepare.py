"""Run inside Django (production settings): the cookies of logged-in browsers for the bench
accounts (session and CSRF) and the ids of real objects to load. Prints one JSON line."""

import json

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client

from academy.models import Edition
from knowledge.models import Item, Question
from programmes.models import Programme

User = get_user_model()


def session_for(email):
    user = User.objects.get(email=email)
    if user.is_staff or user.groups.filter(name__in=["Medewerkers", "Bestuur"]).exists():
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "BENCH"}}
        )
    client = Client()
    client.force_login(user)
    client.get("/mijn/", secure=True, HTTP_HOST="127.0.0.1")  # and its CSRF cookie
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


busiest = Edition.objects.order_by("-pk").filter(enrolments__isnull=False).first()
# A question with a thread, as an expert opens one: the one with the most messages.
question = Question.objects.annotate(n=Count("messages")).order_by("-n", "-pk").first()
print(
    json.dumps(
        {
            "member": session_for("lid@example.org"),
            "staff": session_for("expert@example.org"),
            "item": Item.objects.filter(audience="public", published_at__isnull=False)
            .order_by("pk")
            .first()
            .slug,
            "edition": busiest.pk,
            "question": question.pk,
            "programme": Programme.objects.get(number=3).number,
        }
    )
)
