"""Staff: the mails that failed or whose fate is uncertain, and sending one again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors, services

VIEW = "outbox.view_outgoingmail"
RESEND = "outbox.resend_outgoingmail"
PAGE_SIZE = 50


def _staff(perm):
    """Anonymous visitors to the login page, users without the permission 403 (as every
    page of the portal; two-factor authentication is checked by middleware)."""

    def decorate(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorate


@_staff(VIEW)
def mail_list(request):
    filterset = selectors.mail_list(params=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outbox/mail_list.html",
        {"filter": filterset, "page": page, "counts": selectors.counts_needing_attention()},
    )


@_staff(RESEND)
def mail_resend(request, pk):
    """GET asks first (an uncertain mail may have arrived), POST sends it again."""
    mail = selectors.get_mail(pk)
    back = reverse("outbox:mail_list")
    if request.method == "POST":
        try:
            copy = services.mail_resend(mail=mail, actor=request.user)
        except services.CannotResend as error:
            messages.warning(request, error.message)
        else:
            messages.success(
                request, _("The e-mail to %(to)s is being sent again.") % {"to": copy.to}
            )
        return redirect(back)
    if not mail.can_be_resent or mail.resends.exists():
        messages.warning(request, services.CannotResend().message)
        return redirect(back)
    consequence = (
        _("This e-mail may have arrived already: the recipient may then get it twice.")
        if mail.state == mail.State.UNCERTAIN
        else _("The mail server did not take this e-mail; it is sent as a new attempt.")
    )
    return render(
        request,
        "confirm.html",
        {
            "title": _("Send an e-mail again"),
            "question": _("Send this e-mail again?"),
            "details": [
                (_("To"), mail.to),
                (_("Subject"), mail.subject),
                (_("State"), mail.get_state_display()),
                (_("Last error"), mail.error or "–"),
            ],
            "consequence": consequence,
            "action_url": reverse("outbox:mail_resend", args=[mail.pk]),
            "confirm_label": _("Send again"),
            "back_url": back,
            "back_label": _("Outgoing e-mail"),
            "hidden": [],
        },
    )
