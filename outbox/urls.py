from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("uitgaande-mail/", views.mail_list, name="mail_list"),
    path("uitgaande-mail/<int:pk>/opnieuw/", views.mail_resend, name="mail_resend"),
]
