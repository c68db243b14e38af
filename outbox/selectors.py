from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404

from .filters import NEEDS_ATTENTION, OutgoingMailFilter
from .models import OutgoingMail


def mail_list(*, params):
    """The staff list, by default the mails that need attention (failed or uncertain, not
    sent again yet)."""
    params = params.copy()
    params.setdefault("state", NEEDS_ATTENTION)
    queryset = OutgoingMail.objects.for_staff_list().annotate(
        resent=Exists(OutgoingMail.objects.filter(resent_from=OuterRef("pk")))
    )
    return OutgoingMailFilter(params, queryset=queryset)


def counts_needing_attention() -> dict[str, int]:
    counts = dict(
        OutgoingMail.objects.needing_attention()
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "failed": counts.get(OutgoingMail.State.FAILED, 0),
        "uncertain": counts.get(OutgoingMail.State.UNCERTAIN, 0),
    }


def get_mail(pk) -> OutgoingMail:
    return get_object_or_404(OutgoingMail, pk=pk)
