"""Limited places with a waiting list: the one rule for everything people sign up for (an
Academie edition, a meeting, a workshop of a werkconferentie).

*A place is taken under a lock*: the row of the thing that has the places (the edition, the
meeting, the workshop) is locked (`SELECT ... FOR UPDATE`) before its confirmed claims are
counted, so concurrent sign-ups and cancellations of one thing are serialised and never
exceed its capacity. *A freed place goes to the first waiting*: in the same transaction, to
the first on the waiting list in order of signing up, never to an anonymised person.

A `Places` describes one kind of thing: the model with the capacity (`holder`), the model of
the claims on it (`claims`: an enrolment, a registration, a workshop place) and the name of
the claim's foreign key to the holder. A claim has `status` ("confirmed", "waitlisted",
"cancelled"), `created_at`, `promoted_at` and a path to its person. A capacity of None
means no limit. The apps keep their own rules around it (deadlines, who may sign up, what
to mail) and call these for the part that must be the same everywhere:

    edition = ENROLMENTS.lock(pk, "activity")          # first, in the transaction
    status = ENROLMENTS.status_for_new_claim(edition, edition.capacity)
    ...
    promoted = ENROLMENTS.promote_first_waiting(edition, edition.capacity)

The project package imports no app: each app makes its `Places` from its own models.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


@dataclass(frozen=True)
class Places:
    holder: type[models.Model]
    claims: type[models.Model]
    holder_field: str
    person_path: str = "person"

    @property
    def _holder_id(self) -> str:
        return f"{self.holder_field}_id"

    def lock(self, pk: int, *related: str) -> models.Model:
        """The holder's row, locked until the transaction ends (call it first)."""
        return self.holder.objects.select_for_update().select_related(*related).get(pk=pk)

    def _of(self, holder_pk: int):
        return self.claims.objects.filter(**{self._holder_id: holder_pk})

    def confirmed_count(self, holder) -> int:
        return self._of(holder.pk).filter(status=CONFIRMED).count()

    def has_free_place(self, holder, capacity: int | None) -> bool:
        """Whether a place is free now (the holder must be locked by `lock`)."""
        return capacity is None or self.confirmed_count(holder) < capacity

    def status_for_new_claim(self, holder, capacity: int | None) -> str:
        """Confirmed while a place is free, otherwise the waiting list (holder locked)."""
        return CONFIRMED if self.has_free_place(holder, capacity) else WAITLISTED

    def promote_first_waiting(self, holder, capacity: int | None):
        """Give a free place to the first on the waiting list (holder locked); the claim
        promoted, or None when no place is free or nobody waits."""
        if not self.has_free_place(holder, capacity):
            return None
        first = (
            self._of(holder.pk)
            .select_for_update()
            .filter(status=WAITLISTED, **{f"{self.person_path}__erased_at__isnull": True})
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            return None
        first.status = CONFIRMED
        first.promoted_at = timezone.now()
        first.save(update_fields=["status", "promoted_at"])
        return first

    def fill_free_places(self, holder, capacity: int | None) -> list:
        """Promote from the waiting list until the places are taken (after the capacity
        grew); the claims promoted, in order."""
        promoted = []
        while (claim := self.promote_first_waiting(holder, capacity)) is not None:
            promoted.append(claim)
        return promoted

    def position(self, claim) -> int | None:
        """1 for the first on the waiting list; None when not on it. Order of signing up."""
        if claim.status != WAITLISTED:
            return None
        return (
            self._of(getattr(claim, self._holder_id))
            .filter(status=WAITLISTED)
            .filter(
                Q(created_at__lt=claim.created_at)
                | Q(created_at=claim.created_at, pk__lte=claim.pk)
            )
            .count()
        )

    def positions(self, claims) -> dict[int, int]:
        """Positions of many claims on their waiting lists in one query: {claim pk:
        position}; claims not waiting are left out."""
        holder_ids = {getattr(c, self._holder_id) for c in claims if c.status == WAITLISTED}
        if not holder_ids:
            return {}
        positions, counters = {}, {}
        waiting = (
            self.claims.objects.filter(**{f"{self._holder_id}__in": holder_ids}, status=WAITLISTED)
            .order_by("created_at", "pk")
            .values_list("pk", self._holder_id)
        )
        for pk, holder_id in waiting:
            counters[holder_id] = counters.get(holder_id, 0) + 1
            positions[pk] = counters[holder_id]
        return positions
