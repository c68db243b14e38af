"""Read queries for member pages."""

from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from . import roles
from .filters import OrganisationFilter, PersonFilter
from .models import Organisation, Person, Rayon, active_membership
from .permissions import is_staff_user


def organisation_directory(*, params) -> OrganisationFilter:
    return OrganisationFilter(params or None, queryset=Organisation.objects.for_directory())


def person_directory(*, params) -> PersonFilter:
    return PersonFilter(
        params or None, queryset=Person.objects.for_directory().filter(erased_at__isnull=True)
    )


def organisation_export_rows(organisations):
    """The organisations with what the export writes of them: rayon, region and domains."""
    return organisations.select_related("rayon", "region").prefetch_related("domains")


def directory_rows(people):
    """The people of the directory's table with only the columns it shows."""
    return (
        people.select_related(None)
        .select_related("organisation")
        .only(
            "first_name",
            "last_name",
            "email",
            "function",
            "krsd_registered",
            "rayon_contact_for",
            "organisation__name",
        )
    )


def krsd_share(queryset, on=None) -> dict:
    """Share of people registered in KRSD (the strategic plan aims for 40%), today or, with
    `on`, registered on or before that day."""
    registered = Q(krsd_registered=True)
    if on is not None:
        registered &= Q(krsd_registered_on__lte=on)
    totals = queryset.aggregate(total=Count("pk"), registered=Count("pk", filter=registered))
    total = totals["total"] or 0
    share = round(100 * totals["registered"] / total, 1) if total else 0.0
    return {"total": total, "registered": totals["registered"], "share": share, "target": 40}


def organisation_detail(*, pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related(
            "rayon", "region", "contact_municipality"
        ).prefetch_related("domains"),
        pk=pk,
    )


def organisation_people(*, organisation: Organisation):
    return organisation.people.filter(erased_at__isnull=True).select_related("rayon_contact_for")


ORGANISATION_CHOICES = 20


def organisation_choices(*, query: str) -> tuple[list[Organisation], bool]:
    """The organisations whose name contains `query` (at most ORGANISATION_CHOICES, by
    name) and whether there are more: the searchable organisation picker. Nothing for an
    empty query."""
    if not query:
        return [], False
    found = list(
        Organisation.objects.filter(name__icontains=query)
        .only("name", "kind", "member_since", "member_until")
        .order_by("name")[: ORGANISATION_CHOICES + 1]
    )
    return found[:ORGANISATION_CHOICES], len(found) > ORGANISATION_CHOICES


def organisation_choice(*, pk: int) -> Organisation | None:
    return Organisation.objects.only("name").filter(pk=pk).first()


def person_for_user(user) -> Person | None:
    """The profile of a logged-in user (None for accounts without one)."""
    if not user.is_authenticated:
        return None
    return _profile_of(user, Person.objects.select_related("organisation", "organisation__rayon"))


def _profile_of(user, people) -> Person | None:
    try:
        return people.get(user=user)
    except Person.DoesNotExist:
        return None


def names_told_apart(users) -> dict[int, str]:
    """{user pk: name} for a list people choose from: a name two of them share gets the
    e-mail address beside it, so no two choices read the same."""
    names = Counter(user.get_full_name() for user in users)
    return {
        user.pk: (
            user.get_full_name()
            if names[user.get_full_name()] == 1
            else f"{user.get_full_name()} ({user.email})"
        )
        for user in users
    }


def staff_users():
    """Active staff and administrators (the helpdesk's experts), by name."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[roles.STAFF, roles.ADMINISTRATOR], is_active=True)
        .distinct()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "email")
    )


def reads_members_only_content(user) -> bool:
    """Staff, and people of an organisation with an active membership."""
    if not user.is_authenticated:
        return False
    if is_staff_user(user):
        return True
    person = person_for_user(user)
    return person is not None and person.is_member


def dashboard_person(user) -> Person | None:
    """The user's profile with only what Mijn Ingrado and its panels use of it: the first
    name, the function, the rayon they are contact person for, and the organisation's name
    and membership."""
    return _profile_of(
        user,
        Person.objects.select_related("organisation").only(
            "first_name",
            "function",
            "rayon_contact_for",
            "organisation__name",
            "organisation__member_since",
            "organisation__member_until",
        ),
    )


def person_detail(*, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.for_directory().select_related("user"), pk=pk, erased_at__isnull=True
    )


def may_see_contact_addresses(user) -> bool:
    """The rayon contact persons' mail addresses are for the association: staff (who may
    see the directory) and people of an active member organisation; not for every account."""
    if user.has_perm("members.view_directory"):
        return True
    person = person_for_user(user)
    return person is not None and person.is_member


def rayons_with_contacts():
    contacts = Person.objects.filter(erased_at__isnull=True).select_related("organisation")
    return (
        Rayon.objects.prefetch_related(
            Prefetch("contact_persons", queryset=contacts.order_by("last_name")),
        )
        .annotate(
            member_count=Count(
                "organisations", filter=active_membership("organisations__"), distinct=True
            )
        )
        .order_by("order", "name")
    )


def notification_audiences(user, person) -> set[str]:
    """Which optional e-mails a person can choose: experts' for staff, the weekly summary for
    managers."""
    from . import notifications

    audiences = set()
    if is_staff_user(user):
        audiences.add(notifications.EXPERTS)
    if person is not None and person.is_manager:
        audiences.add(notifications.MANAGERS)
    return audiences


def organisation_param(request, name="organisatie") -> Organisation | None:
    """The organisation a figures page is filtered to (`?organisatie=<id>`), or None."""
    from ingrado.forms import parse_id

    pk = parse_id(request.GET.get(name, ""))
    return Organisation.objects.filter(pk=pk).first() if pk is not None else None
