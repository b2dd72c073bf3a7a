"""Staffing with the solver, and coordinators' hand edits that keep the pairing rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from nearpeer.meetings import services
from nearpeer.meetings.models import Facilitation, Meeting, MeetingChange
from nearpeer.meetings.services import staffing_queue
from nearpeer.tenancy.models import Role
from tests.conftest import _member
from tests.factories import ProgramFactory
from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory


def teams(series) -> dict[int, set[int]]:
    found = {m.pk: set() for m in series.meetings.all()}
    for mid, uid in Facilitation.objects.filter(meeting__series=series).values_list(
        "meeting_id", "user_id"
    ):
        found[mid].add(uid)
    return found


def test_staffing_gives_every_session_a_valid_pair(
    make_series, coordinator, peers, newcomer, advisor
):
    series, _ = make_series()
    outcome = services.series_schedule(series=series, by=coordinator)
    assert outcome.staffed == outcome.meetings == series.meetings.count()
    peer_ids = {p.pk for p in peers} | {newcomer.pk}
    for team in teams(series).values():
        assert len(team) == 2
        assert team & peer_ids, "every pair has a peer"
        assert not {newcomer.pk} == team & {newcomer.pk, advisor.pk} == {newcomer.pk, advisor.pk}
    assert not Meeting.objects.exclude(staffing_note="").exists()


def test_two_first_timers_are_never_paired(make_series, coordinator, program):
    first_timers = [_member(Role.PEER_FACILITATOR, program) for _ in range(2)]
    for person in first_timers:
        from tests.meetings.factories import free_all_week

        free_all_week(person, sessions_led=0)
    series, _ = make_series()
    outcome = services.series_schedule(series=series, by=coordinator)
    assert outcome.staffed == 0
    note = series.meetings.first().staffing_note
    assert note.endswith("available facilitators are all first-timers")


def test_a_session_no_pair_can_lead_says_why(make_series, coordinator, peers):
    # given only one of the three peers is still free at that time
    for person in peers[1:]:
        person.availability.all().delete()
    series, _ = make_series()
    # when
    outcome = services.series_schedule(series=series, by=coordinator)
    # then
    first = series.meetings.order_by("starts_at").first()
    label = f"{first.starts_at.astimezone(datetime.UTC).day}"
    assert first.staffing_note.endswith(": only one facilitator available")
    assert first.staffing_note.startswith(label)
    assert outcome.staffed == 0 and len(outcome.unstaffed) == outcome.meetings
    assert not Facilitation.objects.exists()


def test_the_season_page_shows_the_reason_a_session_is_not_staffed(
    sign_in, make_series, coordinator, peers, program
):
    for person in peers[1:]:
        person.availability.all().delete()
    series, _ = make_series()
    services.series_schedule(series=series, by=coordinator)
    page = sign_in(coordinator).get(
        f"/sessions/programs/{program.pk}/?year={series.starts_on.year}"
    )
    text = page.content.decode()
    assert "Not staffed" in text and "only one facilitator available" in text


def test_pinned_facilitators_stay_when_the_rest_is_re_solved(make_series, coordinator, peers):
    series, _ = make_series()
    services.series_schedule(series=series, by=coordinator)
    meeting = series.meetings.order_by("starts_at")[3]
    current = set(meeting.facilitators.values_list("pk", flat=True))
    outsider_of_team = next(p for p in peers if p.pk not in current)
    keep = next(iter(current))
    remove = next(iter(current - {keep}))
    services.facilitation_swap(
        by=coordinator, meeting=meeting, remove_user=meeting.facilitators.get(pk=remove),
        add_user=outsider_of_team,
    )  # fmt: skip
    services.series_schedule(series=series, by=coordinator)
    assert outsider_of_team.pk in teams(series)[meeting.pk]
    assert Facilitation.objects.get(meeting=meeting, user=outsider_of_team).pinned


def test_staffing_never_changes_past_sessions(coordinator, program, peers):
    series = SeriesFactory(program=program)
    past = MeetingFactory(series=series, days=-3)
    FacilitationFactory(meeting=past, user=peers[0])
    MeetingFactory(series=series, days=7)
    services.series_schedule(series=series, by=coordinator)
    assert list(past.facilitators.all()) == [peers[0]]
    assert not MeetingChange.objects.filter(meeting=past).exists()


def test_a_shared_advisor_is_not_double_booked_across_programs(
    ridgeview, coordinator, program, advisor
):
    # given the advisor already leads another program's session at the same time
    other = ProgramFactory(institution=ridgeview)
    theirs = MeetingFactory(series=SeriesFactory(program=other), days=10)
    FacilitationFactory(meeting=theirs, user=advisor)
    ours = MeetingFactory(series=SeriesFactory(program=program), days=10)
    peer = _member(Role.PEER_FACILITATOR, program)
    from tests.meetings.factories import free_all_week

    free_all_week(peer)
    # when
    services.series_schedule(series=ours.series, by=coordinator)
    # then
    ours.refresh_from_db()
    assert not ours.facilitators.exists()
    assert ours.staffing_note.endswith("only one facilitator available")


def test_staffing_records_who_changed_in_the_history(make_series, coordinator, peers):
    series, _ = make_series()
    services.series_schedule(series=series, by=coordinator)
    change = MeetingChange.objects.filter(meeting__series=series).first()
    assert change.what.startswith("Facilitators: no one → ")
    assert change.reason == "Staffed by the scheduler" and change.by == coordinator
    # a second solve with nothing new changes nothing
    again = services.series_schedule(series=series, by=coordinator)
    assert again.changed == 0


def test_a_large_series_is_staffed_by_a_background_task(
    make_series, coordinator, peers, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(staffing_queue, "SYNC_LIMIT", 3)
    series, _ = make_series()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.staffing_request(by=coordinator, series=series)
    assert outcome.queued and outcome.task_id
    assert all(len(team) == 2 for team in teams(series).values())


def test_the_staff_button_staffs_the_series(sign_in, make_series, coordinator, peers, program):
    series, _ = make_series()
    done = sign_in(coordinator).post(f"/sessions/series/{series.pk}/staff/", follow=True)
    assert (
        f"{series.meetings.count()} of {series.meetings.count()} upcoming sessions are staffed"
        in (done.content.decode())
    )


# --- Hand edits ------------------------------------------------------------------------------


@pytest.fixture
def meeting(program):
    return MeetingFactory(series=SeriesFactory(program=program), days=12)


def test_pin_adds_the_person_pinned_and_records_it(coordinator, meeting, peers):
    services.facilitation_pin(by=coordinator, meeting=meeting, user=peers[0])
    assert Facilitation.objects.get(meeting=meeting, user=peers[0]).pinned
    assert meeting.changes.get().what == f"Added {peers[0].display_name} (pinned)"


def test_swap_refuses_two_first_timers_with_a_clear_message(
    coordinator, meeting, peers, newcomer, program
):
    other_new = _member(Role.PEER_FACILITATOR, program, full_name="Olly Other")
    FacilitationFactory(meeting=meeting, user=newcomer)
    FacilitationFactory(meeting=meeting, user=peers[0])
    with pytest.raises(ValidationError) as caught:
        services.facilitation_swap(
            by=coordinator, meeting=meeting, remove_user=peers[0], add_user=other_new
        )
    assert caught.value.messages == [
        "Olly Other and Nina Newcomer would both be leading for the first time: pair a "
        "first-timer with someone who has led sessions before."
    ]
    assert set(meeting.facilitators.all()) == {newcomer, peers[0]}


def test_two_wellness_advisors_may_not_lead_together(
    coordinator, meeting, advisor, ridgeview, peers
):
    second = _member(Role.WELLNESS_ADVISOR, institution=ridgeview, full_name="Second Advisor")
    FacilitationFactory(meeting=meeting, user=advisor)
    FacilitationFactory(meeting=meeting, user=peers[0])
    with pytest.raises(ValidationError) as caught:
        services.facilitation_swap(
            by=coordinator, meeting=meeting, remove_user=peers[0], add_user=second
        )
    assert caught.value.code == "two_advisors"


def test_pin_refuses_someone_who_leads_another_session_then(coordinator, meeting, peers, ridgeview):
    elsewhere = MeetingFactory(series=SeriesFactory(program=ProgramFactory(institution=ridgeview)),
                               days=12)  # fmt: skip
    FacilitationFactory(meeting=elsewhere, user=peers[0])
    with pytest.raises(ValidationError) as caught:
        services.facilitation_pin(by=coordinator, meeting=meeting, user=peers[0])
    assert caught.value.code == "double_booked"
    assert "already leads another session then" in caught.value.messages[0]


def test_pin_refuses_someone_who_does_not_facilitate_in_the_program(coordinator, meeting, trainee):
    with pytest.raises(ValidationError) as caught:
        services.facilitation_pin(by=coordinator, meeting=meeting, user=trainee)
    assert caught.value.code == "not_eligible"


def test_pin_refuses_a_third_facilitator(coordinator, meeting, peers):
    for person in peers[:2]:
        FacilitationFactory(meeting=meeting, user=person)
    with pytest.raises(ValidationError) as caught:
        services.facilitation_pin(by=coordinator, meeting=meeting, user=peers[2])
    assert caught.value.messages == [
        "This session already has 2 facilitators: swap one out instead."
    ]


def test_swap_on_the_page_with_htmx_re_renders_the_facilitators_block(
    sign_in, coordinator, meeting, peers, newcomer, program
):
    other_new = _member(Role.PEER_FACILITATOR, program, full_name="Olly Other")
    FacilitationFactory(meeting=meeting, user=newcomer)
    FacilitationFactory(meeting=meeting, user=peers[0])
    client = sign_in(coordinator)
    url = f"/sessions/meetings/{meeting.pk}/facilitators/swap/"
    refused = client.post(
        url, {"remove_user": peers[0].pk, "add_user": other_new.pk}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400
    assert refused.content.decode().lstrip().startswith('<section id="facilitators"')
    assert "would both be leading for the first time" in refused.content.decode()
    done = client.post(
        url, {"remove_user": peers[0].pk, "add_user": peers[1].pk}, HTTP_HX_REQUEST="true"
    )
    assert done.status_code == 200 and "Peer Blake" in done.content.decode()
    assert set(meeting.facilitators.all()) == {newcomer, peers[1]}


def test_unpin_and_remove_from_the_page(sign_in, coordinator, meeting, peers):
    FacilitationFactory(meeting=meeting, user=peers[0], pinned=True)
    client = sign_in(coordinator)
    client.post(f"/sessions/meetings/{meeting.pk}/facilitators/{peers[0].pk}/unpin/")
    assert not Facilitation.objects.get(meeting=meeting, user=peers[0]).pinned
    client.post(f"/sessions/meetings/{meeting.pk}/facilitators/{peers[0].pk}/remove/")
    assert not meeting.facilitators.exists()
    assert [c.what for c in meeting.changes.order_by("pk")] == [
        f"Unpinned {peers[0].display_name}",
        f"Removed {peers[0].display_name}",
    ]


def test_when_a_facilitator_leaves_only_their_seats_are_re_staffed(
    make_series, coordinator, peers, program
):
    more = [_member(Role.PEER_FACILITATOR, program, full_name=f"Peer {n}") for n in "DEF"]
    from tests.meetings.factories import free_all_week

    for person in more:
        free_all_week(person)
    series, _ = make_series()
    services.series_schedule(series=series, by=coordinator)
    before = teams(series)
    leaver = max(peers + more, key=lambda p: sum(p.pk in t for t in before.values()))
    assert any(leaver.pk in t for t in before.values())

    leaver.memberships.update(ended_at=datetime.datetime.now(datetime.UTC))
    outcome = services.series_schedule(series=series, by=coordinator)

    after = teams(series)
    assert outcome.status.startswith("re-planned: 1 left")
    assert not any(leaver.pk in t for t in after.values())
    assert all(len(t) == 2 for t in after.values())
    kept = sum(len((before[m] - {leaver.pk}) - after[m]) for m in before)
    assert kept <= 3  # other people taken off a session they were on
