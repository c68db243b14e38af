"""Bijeenkomsten in a real browser: registering (with workshops, the waiting list and a place
that comes free), check-in at the door with the live count, a proxy given by a manager and
used by the holder, and a vote with its result."""

import pytest

from meetings import services
from meetings.models import Ballot, Delegate, Meeting, Registration
from meetings.tests.factories import alv, meeting, workshop
from members.tests.factories import (
    ManagerFactory,
    MemberFactory,
    OrganisationFactory,
    PersonFactory,
    StaffFactory,
)
from tests.browser.conftest import assert_fits_a_phone_and_passes_axe, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    return {
        "member": MemberFactory(),
        "other": MemberFactory(),
        "manager": ManagerFactory(),
        "expert": StaffFactory(),
    }


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_register_with_workshops_wait_and_get_the_place_that_comes_free(new_context, people):
    event = meeting(
        kind=Meeting.Kind.WERKCONFERENTIE,
        title="Werkconferentie najaar",
        capacity=1,
        audience=Meeting.Audience.MEMBERS,
    )
    morning = workshop(event, round=1, title="Schoolaanwezigheidsteams")
    workshop(event, round=2, title="Data duiden")
    first = new_context(people["member"])
    first.goto(f"/bijeenkomsten/{event.pk}/")
    assert axe_violations(first) == []
    first.get_by_label("Workshopronde 1").select_option(label="Schoolaanwezigheidsteams")
    _submit(first, "Aanmelden")
    assert "Je bent aangemeld." in first.content()
    assert "Ronde 1: Schoolaanwezigheidsteams" in first.content()

    second = new_context(people["other"])
    second.goto(f"/bijeenkomsten/{event.pk}/")
    _submit(second, "Op de wachtlijst")
    assert "nummer 1 van de wachtlijst" in second.content()

    first.get_by_role("link", name="Mij afmelden").click()
    _submit(first, "Ja, afmelden")
    second.goto(f"/bijeenkomsten/{event.pk}/")
    assert "Je bent aangemeld." in second.content()
    assert Registration.objects.get(person=people["other"].person).status == "confirmed"
    assert not morning.places.exclude(status="cancelled").exists()


def test_check_in_at_the_door_with_the_count_following_live(new_context, people):
    general = alv(title="ALV vandaag")
    organisations = [OrganisationFactory() for _ in range(3)]
    delegates = [
        PersonFactory(organisation=o, last_name=f"Afgevaardigde{n}")
        for n, o in enumerate(organisations)
    ]
    for organisation, person in zip(organisations, delegates, strict=True):
        Delegate.objects.create(meeting=general, organisation=organisation, person=person)
    from meetings.selectors import presence

    total = presence(general).register  # every active member organisation has a vote
    door = new_context(people["expert"])
    door.goto(f"/bijeenkomsten/{general.pk}/inchecken/")
    assert axe_violations(door) == []
    assert f"Aanwezig of vertegenwoordigd: 0 van {total} lidorganisaties" in door.content()
    door.get_by_label("Naam, e-mailadres of organisatie").fill("Afgevaardigde0")
    _submit(door, "Zoeken")
    _submit(door, "Aanmelden en inchecken")
    assert f"Aanwezig of vertegenwoordigd: 1 van {total} lidorganisaties" in door.content()
    # Someone at a second door checks in another delegate: the first page follows by itself.
    services.check_in(meeting=general, person=delegates[1], actor=None, by_staff=True)
    door.get_by_text(f"Aanwezig of vertegenwoordigd: 2 van {total} lidorganisaties").wait_for(
        timeout=15_000
    )


def test_a_manager_gives_a_proxy_and_the_holder_sees_it_and_votes_with_it(new_context, people):
    general = alv(title="ALV vandaag")
    holder_user = people["member"]
    holder = holder_user.person
    Delegate.objects.create(meeting=general, organisation=holder.organisation, person=holder)
    manager = new_context(people["manager"])
    manager.goto(f"/bijeenkomsten/{general.pk}/")
    manager.get_by_role("link", name="Een volmacht aan een andere organisatie geven").click()
    assert axe_violations(manager) == []
    manager.get_by_label("Geef onze stem aan de afgevaardigde van").select_option(
        label=holder.organisation.name
    )
    _submit(manager, "Volmacht geven")
    assert "bij volmacht gegeven aan de afgevaardigde van" in manager.content()

    decision = services.decision_save(
        meeting=general, actor=None, title="Benoeming bestuurder", is_secret=True
    )
    services.decision_open(decision=decision, actor=None)
    delegate = new_context(holder_user)
    delegate.goto(f"/bijeenkomsten/{general.pk}/stemmen/")
    grantor = people["manager"].person.organisation.name
    assert (
        grantor in delegate.content() and "telt mee zodra je bent ingecheckt" in delegate.content()
    )
    _submit(delegate, "Ik ben er: check mij in")
    assert "Je bent ingecheckt. Welkom!" in delegate.content()
    assert axe_violations(delegate) == []
    for _ in range(2):  # her own organisation's vote, then the proxy's
        form = delegate.locator("form.vote-form").first
        form.get_by_label("Voor").check()
        with delegate.expect_navigation():
            form.get_by_role("button", name="Stem uitbrengen").click()
    assert f"{grantor}: gestemd." in delegate.content()
    decision.refresh_from_db()
    assert decision.tally_for == 2
    assert set(Ballot.objects.values_list("choice", flat=True)) == {""}


def test_a_vote_is_cast_closed_and_its_result_shown(new_context, people):
    general = alv(title="ALV vandaag")
    voter = people["member"].person
    Delegate.objects.create(meeting=general, organisation=voter.organisation, person=voter)
    services.check_in(meeting=general, person=voter, actor=None, by_staff=True)
    staff = new_context(people["expert"])
    staff.goto(f"/bijeenkomsten/{general.pk}/besluiten/")
    staff.get_by_text("Een besluit op de agenda zetten").click()
    staff.get_by_label("Titel").fill("Jaarplan 2027 vaststellen")
    _submit(staff, "Toevoegen")
    _submit(staff, "In stemming brengen")
    member = new_context(people["member"])
    member.goto(f"/bijeenkomsten/{general.pk}/stemmen/")
    member.get_by_label("Voor").check()
    _submit(member, "Stem uitbrengen")
    assert f"{voter.organisation.name}: gestemd." in member.content()
    staff.reload()
    _submit(staff, "Stemming sluiten")
    assert "Aangenomen: 1 voor, 0 tegen, 0 onthoudingen; vereist meer dan de helft" in (
        staff.content()
    )
    assert axe_violations(staff) == []


@pytest.mark.parametrize(
    "path", ["/bijeenkomsten/", "/bijeenkomsten/{pk}/", "/bijeenkomsten/{pk}/stemmen/"]
)
def test_meeting_pages_fit_a_phone_and_pass_axe(
    _playwright_browser, live_server, people, settings, path
):
    settings.ALLOWED_HOSTS = ["*"]
    general = alv(days_ahead=3)
    assert_fits_a_phone_and_passes_axe(
        _playwright_browser, live_server.url, people["member"], path.format(pk=general.pk)
    )


@pytest.mark.parametrize(
    "path",
    [
        "/bijeenkomsten/{pk}/inchecken/?q=a",
        "/bijeenkomsten/{pk}/besluiten/",
        "/bijeenkomsten/{pk}/stemregister/",
        "/bijeenkomsten/{pk}/deelnemers/",
        "/bijeenkomsten/cijfers/",
    ],
)
def test_staff_meeting_pages_fit_a_phone_and_pass_axe(
    _playwright_browser, live_server, people, settings, path
):
    settings.ALLOWED_HOSTS = ["*"]
    general = alv()
    for _ in range(3):
        person = PersonFactory()
        services.check_in(meeting=general, person=person, actor=None, by_staff=True)
    assert_fits_a_phone_and_passes_axe(
        _playwright_browser, live_server.url, people["expert"], path.format(pk=general.pk)
    )
