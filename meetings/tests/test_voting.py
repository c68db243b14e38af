from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from meetings import selectors, services
from meetings.models import Ballot, Decision, Delegate, Proxy
from meetings.tests.factories import alv, member_organisation_with_delegate
from members.models import AuditLog, Organisation, Person
from members.tests.factories import ManagerFactory, OrganisationFactory, PersonFactory
from tests.support import all_at_once

pytestmark = pytest.mark.django_db


def test_the_voting_register_is_the_member_organisations_active_on_the_meetings_day():
    day = date(2025, 9, 30)
    since_long = OrganisationFactory(member_since=date(2010, 1, 1))
    joined_that_day = OrganisationFactory(member_since=day)
    joined_after = OrganisationFactory(member_since=day + timedelta(days=1))
    left_that_day = OrganisationFactory(member_since=date(2012, 1, 1), member_until=day)
    left_before = OrganisationFactory(
        member_since=date(2012, 1, 1), member_until=day - timedelta(1)
    )
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, member_since=None)
    meeting = alv(days_ahead=(day - timezone.localdate()).days)
    register = set(selectors.voting_register(meeting))
    assert register == set(Organisation.objects.active_members(on=day))
    assert register == {since_long, joined_that_day, left_that_day}
    assert not register & {joined_after, left_before, partner}


def _present(meeting, person):
    return services.check_in(meeting=meeting, person=person, actor=None, by_staff=True)


def test_only_the_organisations_manager_names_its_delegate_from_its_own_people(roles_synced):
    meeting = alv(days_ahead=10)
    manager = ManagerFactory()
    organisation = manager.person.organisation
    colleague = PersonFactory(organisation=organisation)
    outsider = PersonFactory()
    services.delegate_name(
        meeting=meeting, person=colleague, actor_person=manager.person, actor=manager
    )
    assert Delegate.objects.get().person == colleague
    with pytest.raises(services.MeetingError, match="moet bij"):
        services.delegate_name(
            meeting=meeting, person=outsider, actor_person=manager.person, actor=manager
        )
    not_a_manager = PersonFactory(organisation=organisation)
    with pytest.raises(services.NotAllowed):
        services.delegate_name(
            meeting=meeting, person=not_a_manager, actor_person=not_a_manager, actor=None
        )
    assert Delegate.objects.get().person == colleague


def test_a_proxy_counts_while_its_holder_is_present_and_lapses_when_the_grantors_delegate_comes(
    roles_synced,
):
    meeting = alv()
    holder, holder_delegate = member_organisation_with_delegate(meeting)
    manager = ManagerFactory()
    grantor = manager.person.organisation
    grantor_delegate = PersonFactory(organisation=grantor)
    services.delegate_name(
        meeting=meeting, person=grantor_delegate, actor_person=manager.person, actor=manager
    )
    proxy = services.proxy_grant(
        meeting=meeting, holder=holder, actor_person=manager.person, actor=manager
    )
    assert selectors.presence(meeting).count == 0
    registration = _present(meeting, holder_delegate)
    current = selectors.presence(meeting)
    assert current.present == {holder.pk} and current.represented == {grantor.pk}
    assert selectors.voting_rights(meeting, holder_delegate) == {holder.pk: False, grantor.pk: True}
    services.check_out(registration=registration, actor=None)
    assert selectors.presence(meeting).count == 0
    assert selectors.voting_rights(meeting, holder_delegate) == {}
    _present(meeting, holder_delegate)
    _present(meeting, grantor_delegate)
    proxy.refresh_from_db()
    assert proxy.lapsed_at is not None
    assert selectors.voting_rights(meeting, holder_delegate) == {holder.pk: False}
    assert selectors.voting_rights(meeting, grantor_delegate) == {grantor.pk: False}
    actions = list(
        AuditLog.objects.filter(object_type="meetings.Proxy").values_list("action", flat=True)
    )
    assert sorted(actions) == ["meetings.proxy_grant", "meetings.proxy_lapse"]


def test_a_holder_holds_at_most_the_maximum_of_proxies(roles_synced):
    meeting = alv(max_proxies_per_holder=1)
    holder, _delegate = member_organisation_with_delegate(meeting)
    first, second = ManagerFactory(), ManagerFactory()
    services.proxy_grant(meeting=meeting, holder=holder, actor_person=first.person, actor=first)
    with pytest.raises(services.MeetingError, match="maximum van 1"):
        services.proxy_grant(
            meeting=meeting, holder=holder, actor_person=second.person, actor=second
        )
    assert Proxy.objects.count() == 1


def test_a_proxy_to_an_organisation_without_a_voting_right_is_refused(roles_synced):
    meeting = alv()
    former = OrganisationFactory(member_until=timezone.localdate() - timedelta(days=1))
    Delegate.objects.create(
        meeting=meeting, organisation=former, person=PersonFactory(organisation=former)
    )
    manager = ManagerFactory()
    with pytest.raises(services.MeetingError, match="geen stemrecht"):
        services.proxy_grant(
            meeting=meeting, holder=former, actor_person=manager.person, actor=manager
        )


def test_below_the_quorum_a_decision_cannot_be_put_to_the_vote_and_the_reason_is_given():
    meeting = alv(quorum_percent=50)
    organisations = [member_organisation_with_delegate(meeting) for _ in range(4)]
    decision = services.decision_save(meeting=meeting, actor=None, title="Jaarrekening 2025")
    _present(meeting, organisations[0][1])
    with pytest.raises(services.QuorumNotMet) as refusal:
        services.decision_open(decision=decision, actor=None)
    assert "1 van 4" in refusal.value.message and "2 zijn nodig" in refusal.value.message
    _present(meeting, organisations[1][1])
    assert services.decision_open(decision=decision, actor=None).state == Decision.State.OPEN


def _vote_ready(delegates=3, **decision_fields):
    meeting = alv()
    voters = [member_organisation_with_delegate(meeting) for _ in range(delegates)]
    for _organisation, person in voters:
        _present(meeting, person)
    decision = services.decision_save(
        meeting=meeting, actor=None, title="Jaarplan 2026 vaststellen", **decision_fields
    )
    services.decision_open(decision=decision, actor=None)
    return meeting, decision, voters


def test_an_open_vote_keeps_each_organisations_choice_and_the_result_is_computed():
    _meeting, decision, voters = _vote_ready(4)
    choices = ["for", "for", "against", "abstain"]
    for (organisation, person), choice in zip(voters, choices, strict=True):
        services.vote_cast(
            decision=decision, organisation=organisation, choice=choice, voter=person, actor=None
        )
    assert dict(Ballot.objects.values_list("organisation_id", "choice")) == {
        org.pk: choice for (org, _p), choice in zip(voters, choices, strict=True)
    }
    decision = services.decision_close(decision=decision, actor=None)
    assert decision.adopted is True  # 2 for of 3 cast (the abstention is not a vote cast)
    result = selectors.decision_result(decision)
    assert (result.votes_for, result.against, result.abstain) == (2, 1, 1)


def test_the_result_sentence():
    result = selectors.Result(58, 2, 1, Decision.Majority.SIMPLE)
    assert (
        result.sentence == "aangenomen: 58 voor, 2 tegen, 1 onthouding; vereist meer dan de helft"
    )
    assert selectors.Result(3, 2, 0, Decision.Majority.TWO_THIRDS).sentence == (
        "verworpen: 3 voor, 2 tegen, 0 onthoudingen; vereist ten minste twee derde"
    )
    assert selectors.Result(4, 2, 3, Decision.Majority.TWO_THIRDS).adopted
    assert not selectors.Result(1, 1, 0, Decision.Majority.SIMPLE).adopted  # a tie is rejected
    assert not selectors.Result(0, 0, 5, Decision.Majority.SIMPLE).adopted


def test_a_secret_vote_stores_no_person_or_organisation_with_its_choice():
    _meeting, decision, voters = _vote_ready(3, is_secret=True)
    for (organisation, person), choice in zip(voters, ["against", "for", "for"], strict=True):
        services.vote_cast(
            decision=decision, organisation=organisation, choice=choice, voter=person, actor=None
        )
    decision.refresh_from_db()
    assert (decision.tally_for, decision.tally_against, decision.tally_abstain) == (2, 1, 0)
    # The ballots say who voted, never what.
    assert set(Ballot.objects.values_list("choice", flat=True)) == {""}
    # No row anywhere links this decision's choices to a person or organisation: the only
    # model holding a choice for it is the decision itself (its counts), which has no link
    # to an organisation or person.
    for model in apps.get_models():
        links = {
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey) and f.related_model in (Organisation, Person)
        }
        if model is Decision:
            assert not links
    for entry in AuditLog.objects.filter(action="meetings.vote"):
        assert not {"against", "for", "abstain"} & {str(v) for v in entry.detail.values()}
        assert "choice" not in entry.detail
    # A secret vote is one count: nothing to tell which ballot raised which count.
    assert not any(f.name == "cast_at" for f in Decision._meta.get_fields())


def test_one_vote_per_voting_right_and_none_after_closing():
    _meeting, decision, voters = _vote_ready(2)
    organisation, person = voters[0]
    services.vote_cast(
        decision=decision, organisation=organisation, choice="for", voter=person, actor=None
    )
    with pytest.raises(services.AlreadyVoted):
        services.vote_cast(
            decision=decision, organisation=organisation, choice="against", voter=person, actor=None
        )
    services.decision_close(decision=decision, actor=None)
    late_organisation, late_person = voters[1]
    with pytest.raises(services.DecisionClosed):
        services.vote_cast(
            decision=decision,
            organisation=late_organisation,
            choice="for",
            voter=late_person,
            actor=None,
        )
    decision.refresh_from_db()
    assert (Ballot.objects.count(), decision.tally_for, decision.tally_against) == (1, 1, 0)


def test_nobody_votes_for_an_organisation_they_do_not_represent():
    _meeting, decision, voters = _vote_ready(2)
    with pytest.raises(services.NotAllowed):
        services.vote_cast(
            decision=decision,
            organisation=voters[1][0],
            choice="for",
            voter=voters[0][1],
            actor=None,
        )
    assert not Ballot.objects.exists()


def test_an_adopted_year_plan_is_written_back_to_the_projects_year_plans(client):
    from programmes.models import Programme, Project, StrategicPlan, YearPlan

    plan = StrategicPlan.objects.create(
        title="Plan", first_year=2025, last_year=2030, mission="m", core_values="k"
    )
    programme = Programme.objects.create(
        plan=plan, number=5, name="Verbonden vereniging", theme="t", description="d"
    )
    project = Project.objects.create(programme=programme, name="Community", slug="community")
    YearPlan.objects.create(
        project=project, year=2026, intended_results="Een verbonden vereniging."
    )
    meeting, decision, voters = _vote_ready(1, year_plan_year=2026)
    services.vote_cast(
        decision=decision, organisation=voters[0][0], choice="for", voter=voters[0][1], actor=None
    )
    services.decision_close(decision=decision, actor=None)
    year_plan = YearPlan.objects.get()
    assert (year_plan.adopted_on, year_plan.adopted_by) == (meeting.date, "de ALV")
    from ingrado.formatting import day

    page = client.get(f"/programmas/project/{project.slug}/").content.decode()
    assert f"Vastgesteld in de ALV van {day(meeting.date)}" in page


def _cast_twice_at_once(decision, organisation, person) -> list[str]:
    def cast(choice):
        return lambda: services.vote_cast(
            decision=decision, organisation=organisation, choice=choice, voter=person, actor=None
        )

    outcomes = all_at_once([cast("for"), cast("against")])
    return sorted("refused" if isinstance(o, services.AlreadyVoted) else "cast" for o in outcomes)


@pytest.mark.parametrize("is_secret", [False, True])
def test_two_simultaneous_votes_for_one_voting_right_make_one(
    transactional_db, postgres_only, is_secret
):
    """Two tabs, a double click: two connections cast the same organisation's vote at the
    same moment; one ballot is kept and the count rises once."""
    _meeting, decision, voters = _vote_ready(1, is_secret=is_secret)
    organisation, person = voters[0]
    assert _cast_twice_at_once(decision, organisation, person) == ["cast", "refused"]
    decision.refresh_from_db()
    assert Ballot.objects.filter(decision=decision).count() == 1
    assert decision.tally_for + decision.tally_against == 1
