"""What program staff need to act on is where they look: their home lists the sessions that need
them, the season is reachable from the program and sessions pages, the staffing advice follows the
schedule, and facilitators hear when they are paired."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from nearpeer import scheduling
from nearpeer.curriculum.models import Proposal
from nearpeer.meetings import services
from nearpeer.meetings.models import Facilitation, Reminder
from nearpeer.scheduling import facilitators_for_schedule
from tests.meetings.factories import FacilitationFactory, MeetingFactory, ProgramPlanFactory


def test_the_coordinators_home_lists_unstaffed_sessions_with_a_way_to_staff_them(
    sign_in, coordinator, program, make_series
):
    series, _ = make_series()
    count = series.meetings.count()
    page = sign_in(coordinator).get(reverse("home")).content.decode()
    assert "Needs you now" in page
    assert f"{count} upcoming sessions with no facilitators" in page
    assert reverse("meetings:program_staff", args=[program.pk]) in page
    assert reverse("meetings:season", args=[program.pk]) in page
    assert "Nothing waiting" not in page


def test_the_home_names_sessions_without_a_plan_or_a_room(sign_in, coordinator, program):
    meeting = MeetingFactory(series__program=program, room="", plan=None)
    FacilitationFactory(meeting=meeting, user=coordinator)
    page = sign_in(coordinator).get(reverse("home")).content.decode()
    assert "1 upcoming session without a session plan" in page
    assert "1 upcoming session without a room or video link" in page


def test_the_home_says_nothing_needs_you_when_every_session_is_ready(
    sign_in, coordinator, program, peers
):
    meeting = MeetingFactory(series__program=program, plan=ProgramPlanFactory(program=program))
    for person in peers[:2]:
        FacilitationFactory(meeting=meeting, user=person)
    page = sign_in(coordinator).get(reverse("home")).content.decode()
    assert "Nothing needs you right now" in page


def test_the_office_home_counts_proposals_waiting_for_review(
    sign_in, office_admin, ridgeview, program, coordinator
):
    Proposal.objects.create(
        institution=ridgeview, program=program, proposed_by=coordinator, title="Rest",
        summary="s", goals=["g"], techniques=[], minutes=60, outline=[],
    )  # fmt: skip
    page = sign_in(office_admin).get(reverse("home")).content.decode()
    assert "1 session plan proposal waiting for your review" in page


def test_the_program_page_links_to_its_season(sign_in, coordinator, program):
    page = sign_in(coordinator).get(reverse("program_detail", args=[program.pk])).content.decode()
    assert reverse("meetings:season", args=[program.pk]) in page


def test_the_sessions_page_shows_staff_the_seasons_they_run(sign_in, coordinator, trainee, program):
    season = reverse("meetings:season", args=[program.pk])
    staff_page = sign_in(coordinator).get(reverse("meetings:upcoming")).content.decode()
    assert "Run your program's sessions" in staff_page and season in staff_page
    trainee_page = sign_in(trainee).get(reverse("meetings:upcoming")).content.decode()
    assert season not in trainee_page


def _session(day, hour=12, required=2):
    zone = ZoneInfo("America/Chicago")
    starts = datetime.datetime(2027, 3, day, hour, tzinfo=zone)
    return scheduling.Meeting(
        id=f"{day}-{hour}", program_id=1, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1), required=required,
    )  # fmt: skip


def test_the_staffing_advice_follows_the_schedule_not_the_headcount():
    # four sessions in March, two facilitators each: 8 places, at most 2 a month each -> 4 people
    rec = facilitators_for_schedule([_session(d) for d in (3, 10, 17, 24)], 2)
    assert rec.facilitators == 5  # + 25 % reserve
    assert "March 2027" in rec.explanation and "8 facilitator places" in rec.explanation


def test_sessions_at_the_same_time_need_that_many_people_at_once():
    rec = facilitators_for_schedule([_session(3), _session(3), _session(3)], 2, reserve=0)
    assert rec.facilitators == 6


def test_the_staffing_page_counts_the_programs_sessions(sign_in, coordinator, make_series, peers):
    series, _ = make_series()  # monthly: one session a month, two facilitators each
    page = sign_in(coordinator).get(reverse("meetings:staffing")).content.decode()
    assert "the schedule needs 2 people" in page
    assert "1 more" in page  # 4 at least, 3 peers now


def test_the_scheduler_emails_each_newly_paired_facilitator_once(
    coordinator, make_series, peers, mailoutbox, django_capture_on_commit_callbacks
):
    series, _ = make_series(ends_on=timezone.localdate() + datetime.timedelta(days=400))
    with django_capture_on_commit_callbacks(execute=True):
        services.series_schedule(series=series, by=coordinator)
    pairs = Facilitation.objects.filter(meeting__series=series).count()
    assert pairs and len(mailoutbox) == pairs
    assert "You're paired to lead" in mailoutbox[0].subject
    assert Reminder.objects.filter(kind=Reminder.Kind.ASSIGNED).count() == pairs
    # staffing again changes nobody and sends nothing more
    with django_capture_on_commit_callbacks(execute=True):
        services.series_schedule(series=series, by=coordinator)
    assert len(mailoutbox) == pairs


def test_a_facilitators_home_marks_the_session_they_were_just_paired_for(
    sign_in, coordinator, make_series, peers, django_capture_on_commit_callbacks
):
    series, _ = make_series()
    with django_capture_on_commit_callbacks(execute=True):
        services.series_schedule(series=series, by=coordinator)
    someone = Facilitation.objects.filter(meeting__series=series).first().user
    page = sign_in(someone).get(reverse("home")).content.decode()
    assert "you were paired to lead" in page


def test_a_pairing_nobody_was_emailed_about_is_not_announced_as_emailed(
    sign_in, coordinator, make_series, peers, django_capture_on_commit_callbacks
):
    # given pairings made without telling anyone (as the demo data is built)
    series, _ = make_series()
    with django_capture_on_commit_callbacks(execute=False):
        services.series_schedule(series=series, by=coordinator)
    someone = Facilitation.objects.filter(meeting__series=series).first().user
    # then their home does not say "We emailed you the details"
    page = sign_in(someone).get(reverse("home")).content.decode()
    assert "We emailed you the details" not in page


def test_my_sessions_page_does_not_thank_a_trainee_for_leading(sign_in, trainee):
    page = sign_in(trainee).get(reverse("meetings:mine"))
    text = page.content.decode()
    assert "Thank you for leading" not in text
    assert reverse("meetings:availability") not in text
    assert reverse("meetings:upcoming") in text


def test_my_sessions_page_thanks_a_facilitator_and_links_a_page_that_opens(sign_in, peers):
    client = sign_in(peers[0])
    text = client.get(reverse("meetings:mine")).content.decode()
    assert "Thank you for leading" in text
    assert client.get(reverse("meetings:availability")).status_code == 200
