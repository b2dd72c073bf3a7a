"""Every creating form of the sessions, curriculum and program pages is safe to send twice: the
page carries a one-time key, the first send creates and redirects, a second send of the same form
(a double click, a reload, a resend) creates nothing more and goes where the first one went."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nearpeer.accounts.models import ApiToken
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from nearpeer.meetings.models import MeetingChange, Series
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Invitation,
    Program,
    Role,
    RosterImport,
)
from tests.conftest import _member
from tests.factories import CalendarFactory
from tests.meetings.factories import MeetingFactory, SeriesFactory

PLAN_FORM = {
    "title": "Hope in hard rotations",
    "summary": "Finding hope.",
    "minutes": "60",
    "goals": "Name what is hard\nNotice hope",
    "techniques": ["mindfulness"],
    "outline": "Welcome | 10 | The agreement\nPairs | 30 | Stories\nClosing | 20",
    "facilitator_guide": "Open gently.",
    "materials": "Pens.",
}


@dataclass
class Case:
    persona: str
    url: Callable  # (fixtures) -> str
    data: Callable  # (fixtures) -> dict
    count: Callable  # () -> int


def _core_plan(f):
    from nearpeer.curriculum import services

    services.core_curriculum_install(institution=f["ridgeview"])
    return SessionPlan.objects.filter(institution=f["ridgeview"]).order_by("pk").first()


def _meeting(f):
    series = SeriesFactory(program=f["program"])
    return MeetingFactory(series=series, days=20)


def _move_to(f):
    day = timezone.localdate() + datetime.timedelta(days=23)
    return {"on": day.isoformat(), "at": "13:00", "reason": "Room taken"}


CASES = {
    "series": Case(
        "coordinator",
        lambda f: reverse("meetings:series_create", args=[f["program"].pk]),
        lambda f: {
            "name": "Noon sessions",
            "cadence": "monthly",
            "weekday": "2",
            "start_time": "12:00",
            "minutes": "60",
            "modality": "in_person",
            "room": "Room 2.14",
            "starts_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "ends_on": (timezone.localdate() + datetime.timedelta(days=200)).isoformat(),
        },
        lambda: Series.objects.count(),
    ),
    "meeting move": Case(
        "coordinator",
        lambda f: reverse(
            "meetings:meeting_detail", args=[f.setdefault("meeting", _meeting(f)).pk]
        ),
        _move_to,
        lambda: MeetingChange.objects.filter(what__startswith="Moved").count(),
    ),
    "proposal": Case(
        "facilitator",
        lambda f: reverse("curriculum:proposal_new"),
        lambda f: {**PLAN_FORM, "program": f["program"].pk},
        lambda: Proposal.objects.count(),
    ),
    "core plan": Case(
        "office_admin",
        lambda f: reverse("curriculum:core_plan_new"),
        lambda f: {**PLAN_FORM, "institution": f["ridgeview"].pk},
        lambda: SessionPlan.objects.filter(title=PLAN_FORM["title"]).count(),
    ),
    "program plan": Case(
        "coordinator",
        lambda f: reverse("curriculum:core_plan_customize", args=[_core_plan(f).pk]),
        lambda f: {"program": f["program"].pk},
        lambda: ProgramPlan.objects.count(),
    ),
    "program": Case(
        "office_admin",
        lambda f: reverse("program_create"),
        lambda f: {
            "institution": f["ridgeview"].pk,
            "name": "Ridgeview Anesthesiology Fellowship",
            "kind": "fellowship",
            "headcount": 12,
            "time_zone": "America/New_York",
            "session_cadence": "quarterly",
            "is_active": "on",
        },
        lambda: Program.objects.filter(name="Ridgeview Anesthesiology Fellowship").count(),
    ),
    "calendar": Case(
        "office_admin",
        lambda f: reverse("calendar_list"),
        lambda f: {
            "scope": f"i{f['ridgeview'].pk}",
            "name": "Next year",
            "starts_on": "2027-07-01",
            "ends_on": "2028-06-30",
        },
        lambda: AcademicCalendar.objects.filter(name="Next year").count(),
    ),
    "blackout": Case(
        "office_admin",
        lambda f: reverse("calendar_detail", args=[CalendarFactory(institution=f["ridgeview"]).pk]),
        lambda f: {
            "kind": "board_exam",
            "name": "Step 1 window",
            "starts_on": "2027-04-01",
            "ends_on": "2027-04-30",
        },
        lambda: Blackout.objects.filter(name="Step 1 window").count(),
    ),
    "program membership": Case(
        "coordinator",
        lambda f: reverse("membership_add", args=[f["program"].pk]),
        lambda f: {
            "email": "new.person@ridgeview.example",
            "full_name": "New Person",
            "role": "peer_facilitator",
        },  # fmt: skip
        lambda: Invitation.objects.filter(email="new.person@ridgeview.example").count(),
    ),
    "institution membership": Case(
        "office_admin",
        lambda f: reverse("institution_membership_add", args=[f["ridgeview"].pk]),
        lambda f: {
            "email": "wide.person@ridgeview.example",
            "full_name": "Wide Person",
            "role": "wellness_advisor",
        },  # fmt: skip
        lambda: Invitation.objects.filter(email="wide.person@ridgeview.example").count(),
    ),
    "api token": Case(
        "trainee",
        lambda f: reverse("token_list"),
        lambda f: {"name": "report script", "scope": "read", "lifetime_days": "30"},
        lambda: ApiToken.objects.filter(name="report script").count(),
    ),
}


def _key(page) -> str:
    found = re.search(r'name="once" value="([^"]+)"', page.content.decode())
    assert found, "the form carries no one-time key"
    return found.group(1)


@pytest.fixture
def facilitator(program):
    return _member(Role.PEER_FACILITATOR, program, full_name="Finn Facilitator")


@pytest.mark.parametrize("name", list(CASES))
def test_a_creating_form_sent_twice_creates_one_record(request, sign_in, name, ridgeview, program):
    # given the form, as its page shows it
    case = CASES[name]
    fixtures = {"ridgeview": ridgeview, "program": program}
    client = sign_in(request.getfixturevalue(case.persona))
    url = case.url(fixtures)
    page = client.get(url)
    assert page.status_code == 200
    data = {**case.data(fixtures), "once": _key(page)}
    post_to = (
        reverse("meetings:meeting_move", args=[fixtures["meeting"].pk])
        if name == "meeting move"
        else url
    )
    # when it is sent twice
    first = client.post(post_to, data)
    second = client.post(post_to, data)
    # then one record exists and both answers lead to it
    assert first.status_code == 302, first.content.decode()[:2000]
    assert case.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert "already sent" in client.get(second["Location"]).content.decode()


def test_a_form_refused_once_can_be_corrected_and_sent_with_the_same_key(
    sign_in, office_admin, ridgeview
):
    calendar = CalendarFactory(institution=ridgeview)
    client = sign_in(office_admin)
    key = _key(client.get(reverse("calendar_detail", args=[calendar.pk])))
    wrong = {"kind": "holiday", "name": "Break", "starts_on": "2027-01-10", "ends_on": "2027-01-01"}
    assert (
        client.post(
            reverse("calendar_detail", args=[calendar.pk]), wrong | {"once": key}
        ).status_code
        != 302
    )
    right = wrong | {"ends_on": "2027-01-12", "once": key}
    assert client.post(reverse("calendar_detail", args=[calendar.pk]), right).status_code == 302
    assert Blackout.objects.filter(name="Break").count() == 1


def test_a_roster_file_sent_twice_is_imported_once(sign_in, coordinator, program):
    client = sign_in(coordinator)
    url = reverse("roster_import", args=[program.pk])
    key = _key(client.get(url))
    csv = b"name,email,program,cohort,role\nNia New,nia@example.edu,,,trainee\n"

    def send():
        return client.post(url, {"file": SimpleUploadedFile("r.csv", csv), "once": key})

    first, second = send(), send()
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert RosterImport.objects.count() == 1


def test_a_new_token_is_shown_once_after_the_redirect(sign_in, trainee):
    client = sign_in(trainee)
    key = _key(client.get(reverse("token_list")))
    data = {"name": "report script", "scope": "read", "lifetime_days": "30", "once": key}
    response = client.post(reverse("token_list"), data, follow=True)
    assert "Your new token" in response.content.decode()
    assert "Your new token" not in client.get(reverse("token_list")).content.decode()
