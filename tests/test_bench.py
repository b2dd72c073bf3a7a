"""The web benches' own parts, at a tiny scale: the data builder, the signed-in sample, the way the
load bench names pages, and that bench/load.py starts. No timings are asserted here."""

import subprocess
import sys
from pathlib import Path

import pytest
from bench import load, population
from django.conf import settings

from nearpeer.meetings.models import Meeting
from nearpeer.supportline.models import Shift, SupportLine, SupportRequest
from nearpeer.tenancy.models import Membership, Program, Role

ROOT = Path(__file__).resolve().parent.parent
TINY = population.Scale(institutions=1, programs=2, trainees=90, access_log_per_trainee=0.5)


def test_program_sizes_share_out_every_trainee():
    sizes = population.program_sizes(population.Scale(institutions=5, programs=100))
    assert len(sizes) == 100
    assert sum(n for _, n in sizes) == 20_000
    assert max(sizes, key=lambda s: s[1])[0] == "medical_school"


def test_program_sizes_honour_a_big_first_program():
    sizes = population.program_sizes(population.Scale(2, 10, 2000, big_program=500))
    assert sizes[0][1] == 500
    assert sum(n for _, n in sizes) == 2000


@pytest.mark.django_db
def test_builder_makes_programs_people_sessions_and_a_support_line():
    built = population.build(TINY)

    assert built.counts["programs"] == Program.objects.count() == 2
    assert Membership.objects.filter(role=Role.TRAINEE).count() == 90
    assert Membership.objects.filter(role=Role.COORDINATOR).count() == 2
    assert Membership.objects.filter(role=Role.OFFICE_ADMIN).count() == 2
    assert Meeting.objects.filter(program_id=built.big_program).count() >= 12
    assert SupportLine.objects.count() == 1  # a medical school and a graduate program: students
    assert Shift.objects.filter(status=Shift.Status.PUBLISHED).exists()
    assert SupportRequest.objects.filter(status=SupportRequest.Status.ACTIVE).exists()
    assert built.counts["access log"] == 45


@pytest.mark.django_db
def test_sample_sessions_open_each_roles_pages(client):
    sample = population.sign_in_sample(population.build(TINY), per_role=1)

    pages = {
        "trainee": "/sessions/upcoming/",
        "facilitator": "/sessions/mine/",
        "mentor": "/support/queue/",
        "coordinator": f"/programs/{sample['big_program']}/",
        "office": "/audit/",
    }
    for role, path in pages.items():
        (person,) = sample["roles"][role]
        client.cookies[settings.SESSION_COOKIE_NAME] = person["cookie"]
        assert client.get(path).status_code == 200, (role, path)


def test_load_bench_names_logged_requests_as_locust_does():
    assert load.page_name("GET", "/programs/12/", "?") == "/programs/[id]/"
    assert load.page_name("GET", "/bench/bare/", "?as=anonymous") == "/bench/bare/ (anonymous)"
    assert load.page_name("GET", "/bench/bare/", "?as=signed-in") == "/bench/bare/ (signed in)"
    assert (
        load.page_name("POST", "/sessions/meetings/3/rsvp/", "?")
        == "/sessions/meetings/[id]/rsvp/ (POST)"
    )
    assert (
        load.page_name("GET", "/support/requests/9/messages/", "?after=41")
        == "/support/requests/[id]/messages/ (poll)"
    )
    assert (
        load.page_name("GET", "/sessions/programs/4/", "?view=calendar")
        == "/sessions/programs/[id]/?view=calendar"
    )


def test_load_bench_help_runs_without_a_database():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--saturation-users" in done.stdout
