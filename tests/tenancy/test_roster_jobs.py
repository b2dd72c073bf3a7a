"""Big roster files: refused past the row limit, else applied whole by a background task whose
status page (and API answer) shows how it is going and how it ended."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.tenancy import roster, roster_jobs
from nearpeer.tenancy.models import Cohort, Invitation, Membership, Role, RosterImport
from nearpeer.tenancy.roster_file import RosterRejected
from nearpeer.tenancy.roster_jobs import roster_import_run, roster_upload
from nearpeer.tenancy.tasks import roster_import_task
from tests.factories import MembershipFactory

HEADER = "name,email,program,cohort,role"
BIG = roster_jobs.APPLY_IN_REQUEST_ROWS + 50  # past what is imported during the upload itself


def roster_csv(rows) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def people(n: int, start: int = 0) -> list[str]:
    return [
        f"Person {i},person.{i}@ridgeview.example,,Class of 2028,trainee"
        for i in range(start, start + n)
    ]


def upload(client, program, data: bytes, **kwargs):
    f = io.BytesIO(data)
    f.name = "roster.csv"
    return client.post(reverse("roster_import", args=[program.pk]), {"file": f}, **kwargs)


def status_url(job) -> str:
    return reverse("roster_import_status", args=[job.program_id, job.pk])


def snapshot() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Membership.objects.count() + Invitation.objects.count(),
        Cohort.objects.count(),
        AccessLog.objects.filter(action=AccessLog.Action.IMPORT).count(),
    )


@pytest.fixture
def queued(coordinator, program, django_capture_on_commit_callbacks):
    """A checked big file waiting for its task (the task is held back until the test runs it)."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = roster_upload(by=coordinator, program=program, data=roster_csv(people(BIG)))
    job.callbacks = callbacks
    return job


# --- the row limit --------------------------------------------------------------------------


def test_file_past_the_row_limit_is_refused_in_plain_words_and_nothing_changes(
    sign_in, coordinator, program
):
    # given a 50,000-line file, well inside the size limit
    data = roster_csv([f"P,p{i}@x.example,,," for i in range(50_000)])
    before = snapshot()
    # when the coordinator uploads it
    response = upload(sign_in(coordinator), program, data)
    # then it is refused, saying how big it is and what to do, and nothing was made
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "This file has 50,000 rows; one import takes at most 5,000. "
        "Split it into smaller files." in page
    )
    assert snapshot() == before
    assert not RosterImport.objects.exists()


def test_row_limit_comes_from_the_setting(coordinator, program, settings):
    settings.NEARPEER_ROSTER_MAX_ROWS = 3
    with pytest.raises(RosterRejected) as exc:
        roster_upload(by=coordinator, program=program, data=roster_csv(people(4)))
    assert "This file has 4 rows; one import takes at most 3." in exc.value.errors[0].reason
    assert not RosterImport.objects.exists()
    roster_upload(by=coordinator, program=program, data=roster_csv(people(3)))
    assert Invitation.objects.filter(program=program, role=Role.TRAINEE).count() == 3


def test_page_says_how_many_people_one_file_may_hold(sign_in, coordinator, program):
    page = sign_in(coordinator).get(reverse("roster_import", args=[program.pk])).content.decode()
    assert "5,000 people per file" in page


def test_bad_line_in_a_big_file_is_reported_at_upload_and_nothing_is_queued(
    coordinator, program, django_capture_on_commit_callbacks
):
    rows = people(BIG)
    rows[100] = "Broken,not-an-email,,,"
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RosterRejected) as exc:
        roster_upload(by=coordinator, program=program, data=roster_csv(rows))
    assert [e.line for e in exc.value.errors] == [102]
    assert not callbacks
    assert not RosterImport.objects.exists()


# --- a big file, through the page ----------------------------------------------------------


def test_big_upload_is_queued_then_imported_whole_and_the_status_page_shows_done(
    sign_in, coordinator, program, django_capture_on_commit_callbacks
):
    client = sign_in(coordinator)
    # when a big file is uploaded (its task held back)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, program, roster_csv(people(BIG)))
    job = RosterImport.objects.get()
    # then the page moves to the import's status page, which waits and polls
    assert response.status_code == 302
    assert response["Location"] == status_url(job)
    waiting = client.get(status_url(job)).content.decode()
    assert "Every line was checked" in waiting
    assert 'hx-trigger="every 2s"' in waiting
    assert not Invitation.objects.filter(program=program, role=Role.TRAINEE).exists()
    # when the task runs
    for callback in callbacks:
        callback()
    # then everyone is in, and the page shows the counts and stops polling
    assert Invitation.objects.filter(program=program, role=Role.TRAINEE).count() == BIG
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.row_count) == ("done", BIG, BIG)
    done = client.get(status_url(job)).content.decode()
    assert f"0 roles added, {BIG} people invited by email" in done
    assert "hx-trigger" not in done


def test_polling_gets_only_the_status_part(sign_in, coordinator, queued):
    response = sign_in(coordinator).get(status_url(queued), headers={"HX-Request": "true"})
    part = response.content.decode()
    assert part.lstrip().startswith('<div id="roster-import-status"')
    assert "<html" not in part


def test_finished_import_keeps_counts_but_not_the_file(coordinator, queued):
    roster_import_task.enqueue(queued.pk)
    queued.refresh_from_db()
    assert queued.content == ""
    assert queued.summary["invited"] == BIG
    assert "@" not in json.dumps(queued.summary)
    assert queued.finished_at is not None


# --- retries and failures -------------------------------------------------------------------


def test_a_retried_task_does_not_apply_the_file_twice(coordinator, program, queued):
    for callback in queued.callbacks:
        callback()
    after_first = snapshot()
    # when the same task is delivered again
    result = roster_import_task.enqueue(queued.pk)
    # then it finds the import already claimed and changes nothing
    assert result.return_value == "already claimed"
    assert snapshot() == after_first
    assert AccessLog.objects.filter(action=AccessLog.Action.IMPORT).count() == 1


def test_an_import_another_worker_is_running_is_not_started_again(coordinator, program, queued):
    RosterImport.objects.filter(pk=queued.pk).update(status=RosterImport.Status.RUNNING)
    before = snapshot()
    assert roster_import_run(import_id=queued.pk) is None
    assert snapshot() == before


def test_a_clash_during_the_apply_fails_the_import_kindly_and_leaves_nothing_half_done(
    coordinator, program, other_program, monkeypatch
):
    # given people who already serve this program, and a file making them trainees here too
    members = [
        MembershipFactory(
            program=program,
            role=Role.PEER_FACILITATOR,
            user__email=f"member.{i}@ridgeview.example",
        ).user
        for i in range(3)
    ]
    rows = [f"{u.full_name},{u.email},,Class of 2029,trainee" for u in members]
    monkeypatch.setattr(roster_jobs, "APPLY_IN_REQUEST_ROWS", 2)
    job = roster_upload(by=coordinator, program=program, data=roster_csv([*rows, *people(5)]))
    # and someone gives one of them that role after the task checked the file, before it writes
    checked = roster._check

    def check_then_clash(**kwargs):
        plan = checked(**kwargs)
        MembershipFactory(user=members[1], program=program, role=Role.TRAINEE)
        return plan

    monkeypatch.setattr(roster, "_check", check_then_clash)
    before_users = User.objects.count()
    # when the task runs
    roster_import_task.enqueue(job.pk)
    # then the import failed with a kind message, and nothing from the file is there
    job.refresh_from_db()
    assert job.status == "failed"
    assert "nothing was imported. Please upload the file again." in job.errors[0]["reason"]
    assert job.content == ""
    assert User.objects.count() == before_users
    assert not User.objects.filter(email__startswith="person.").exists()
    assert not Membership.objects.filter(
        program=program, role=Role.TRAINEE, user__in=[members[0], members[2]]
    ).exists()
    assert not Invitation.objects.exists()
    assert not Cohort.objects.filter(name="Class of 2029").exists()
    assert not AccessLog.objects.filter(action=AccessLog.Action.IMPORT).exists()


def test_failed_import_page_says_why(sign_in, coordinator, program, queued):
    # given the uploader loses their role before the task runs
    Membership.objects.filter(user=coordinator).update(ends_on=None, starts_on="2999-01-01")
    roster_import_task.enqueue(queued.pk)
    queued.refresh_from_db()
    assert queued.status == "failed"
    assert not User.objects.filter(email__startswith="person.").exists()
    # then whoever runs the program sees why on the status page
    office = MembershipFactory(
        program=None, institution=program.institution, role=Role.OFFICE_ADMIN
    ).user
    page = sign_in(office).get(status_url(queued)).content.decode()
    assert "This file wasn't imported" in page
    assert "no longer runs this program" in page


def test_someone_added_between_upload_and_task_is_counted_unchanged(coordinator, program, queued):
    person = User.objects.create(email="person.7@ridgeview.example", full_name="Person 7")
    MembershipFactory(user=person, program=program, role=Role.TRAINEE)
    roster_import_task.enqueue(queued.pk)
    queued.refresh_from_db()
    assert queued.status == "done"
    summary = queued.summary
    assert (summary["invited"], summary["roles_added"], summary["cohorts_changed"]) == (
        BIG - 1,
        0,
        1,
    )


# --- who may see an import ------------------------------------------------------------------


def test_office_of_the_institution_sees_the_import(sign_in, office_admin, queued):
    assert sign_in(office_admin).get(status_url(queued)).status_code == 200


@pytest.mark.parametrize("persona", ["outsider", "director", "trainee"])
def test_people_who_do_not_run_the_program_get_404(sign_in, queued, persona, request):
    user = request.getfixturevalue(persona)
    assert sign_in(user).get(status_url(queued)).status_code == 404


def test_import_is_not_found_under_another_programs_address(sign_in, office_admin, queued):
    other = RosterImport.objects.create(program=queued.program, row_count=1, status="done")
    wrong = reverse("roster_import_status", args=[queued.program_id + 1000, other.pk])
    assert sign_in(office_admin).get(wrong).status_code == 404


# --- the query budget -----------------------------------------------------------------------


def _status_page_queries(client, job) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(status_url(job)).status_code == 200
    return len(ctx.captured_queries)


def test_status_page_query_count_does_not_grow_with_the_file(sign_in, coordinator, program):
    client = sign_in(coordinator)
    small = roster_upload(by=coordinator, program=program, data=roster_csv(people(2)))
    big = roster_upload(by=coordinator, program=program, data=roster_csv(people(BIG, start=100)))
    failed = RosterImport.objects.create(
        program=program,
        row_count=500,
        status="failed",
        errors=[{"line": i, "reason": "Bad email."} for i in range(2, 502)],
    )
    _status_page_queries(client, small)  # the session and user, read once per client
    counts = {_status_page_queries(client, job) for job in (small, big, failed)}
    assert len(counts) == 1
    assert counts.pop() <= 12
