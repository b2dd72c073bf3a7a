"""Roster import: a coordinator uploads a CSV of trainees; all or nothing, every bad row named."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.tenancy.models import Cohort, Invitation, Membership, Role, RosterImport
from nearpeer.tenancy.roster import roster_import
from nearpeer.tenancy.roster_file import RosterRejected, parse_roster
from tests.factories import CohortFactory, MembershipFactory, UserFactory

HEADER = "name,email,program,cohort,role"


def roster_csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def good_rows(program, n: int, start: int = 0) -> list[str]:
    return [
        f"Person {i},person.{i}@ridgeview.example,{program.name},Class of 2028,trainee"
        for i in range(start, start + n)
    ]


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Membership.objects.count(),
        Cohort.objects.count(),
        AccessLog.objects.filter(action=AccessLog.Action.IMPORT).count(),
    )


def rejected(by, program, data: bytes):
    """Import and expect rejection with nothing changed; returns {line: reason}."""
    before = counts()
    with pytest.raises(RosterRejected) as exc:
        roster_import(by=by, program=program, data=data)
    assert counts() == before
    return {e.line: e.reason for e in exc.value.errors}


# --- a good file ---------------------------------------------------------------------------


def test_good_roster_gives_roles_to_known_people_and_invites_everyone_else(
    coordinator, program, outsider
):
    # given one person already in the program, one with an account elsewhere, and one new
    ana = MembershipFactory(
        program=program, role=Role.PEER_FACILITATOR, user__email="ana.existing@ridgeview.example"
    ).user
    data = roster_csv(
        f"Ben New,Ben.New@Ridgeview.example,{program.name},Class of 2028,",
        f"Ana Different Spelling,ANA.EXISTING@ridgeview.example,{program.name.upper()},PGY-2,Trainee",
        f"Oscar,{outsider.email},,Class of 2028,peer facilitator",
    )
    before_users = User.objects.count()
    # when
    result = roster_import(by=coordinator, program=program, data=data)
    # then Ana, whom the coordinator sees, has her role; the other two are invited
    assert (result.invited, result.roles_added, result.unchanged, result.rows) == (2, 1, 0, 3)
    assert User.objects.count() == before_users
    ana_role = Membership.objects.get(user=ana, role=Role.TRAINEE)
    assert (ana_role.program, ana_role.cohort.name, ana.full_name) == (
        program,
        "PGY-2",
        ana.full_name,
    )
    ben = Invitation.objects.get(email="ben.new@ridgeview.example")
    assert (ben.role, ben.cohort.name, ben.full_name, ben.program) == (
        "trainee",
        "Class of 2028",
        "Ben New",
        program,
    )
    oscar = Invitation.objects.get(email=outsider.email)
    assert oscar.role == Role.PEER_FACILITATOR
    assert not Membership.objects.filter(user=outsider, institution=program.institution).exists()
    assert set(program.cohorts.values_list("name", flat=True)) == {"Class of 2028", "PGY-2"}


def test_reimporting_the_same_file_changes_nothing_and_sends_no_second_email(
    coordinator, program, django_capture_on_commit_callbacks
):
    data = roster_csv(*good_rows(program, 5))
    with django_capture_on_commit_callbacks(execute=True):
        roster_import(by=coordinator, program=program, data=data)
    assert len(mail.outbox) == 5
    before = counts()[:3], Invitation.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        result = roster_import(by=coordinator, program=program, data=data)
    assert (result.invited, result.roles_added, result.unchanged) == (0, 0, 5)
    assert result.cohorts_changed == 0
    assert (counts()[:3], Invitation.objects.count()) == before
    assert len(mail.outbox) == 5


def test_existing_user_is_matched_by_email_whatever_its_case(coordinator, program):
    person = MembershipFactory(
        program=program, role=Role.PEER_FACILITATOR, user__email="Mixed.Case@Ridgeview.example"
    ).user
    result = roster_import(
        by=coordinator,
        program=program,
        data=roster_csv("Mixed Case,mixed.case@ridgeview.example,,,"),
    )
    assert (result.invited, result.roles_added) == (0, 1)
    assert Membership.objects.filter(user=person, program=program, role=Role.TRAINEE).exists()


def test_a_cohort_cell_moves_an_existing_member_but_an_empty_one_keeps_theirs(coordinator, program):
    pgy1 = CohortFactory(program=program, name="PGY-1")
    moving = MembershipFactory(program=program, cohort=pgy1, user__email="moving@ridgeview.example")
    staying = MembershipFactory(
        program=program, cohort=pgy1, user__email="staying@ridgeview.example"
    )
    data = roster_csv(
        "Mo Ving,moving@ridgeview.example,,pgy-2,", "Stay Ing,staying@ridgeview.example,,,"
    )
    result = roster_import(by=coordinator, program=program, data=data)
    assert (result.cohorts_changed, result.unchanged, result.roles_added) == (1, 1, 0)
    moving.refresh_from_db()
    staying.refresh_from_db()
    assert moving.cohort.name == "pgy-2"
    assert staying.cohort == pgy1


def test_an_ended_role_is_not_restarted(coordinator, program):
    ended = MembershipFactory(
        program=program,
        user__email="gone@ridgeview.example",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    result = roster_import(
        by=coordinator, program=program, data=roster_csv("Gone Person,gone@ridgeview.example,,,")
    )
    assert (result.ended_kept, result.roles_added) == (1, 0)
    ended.refresh_from_db()
    assert ended.ends_on == datetime.date(2021, 1, 1)


def test_office_can_import_into_several_programs_and_give_any_role(
    office_admin, program, other_program
):
    data = roster_csv(
        "Pat Peds,pat@ridgeview.example,ridgeview pediatrics residency,,trainee",
        "Dee Director,dee@ridgeview.example,,,Program director",
    )
    result = roster_import(by=office_admin, program=program, data=data)
    assert result.invited == 2
    assert Invitation.objects.get(email="pat@ridgeview.example").program == other_program
    assert Invitation.objects.get(email="dee@ridgeview.example").role == Role.PROGRAM_DIRECTOR


def test_utf8_bom_semicolons_and_loose_header_are_accepted(coordinator, program):
    data = "\ufeff Email ;NAME; Program;cohort;Role\r\nzoe@ridgeview.example;Zoë Ünal;;;\r\n"
    result = roster_import(by=coordinator, program=program, data=data.encode())
    assert result.invited == 1
    assert Invitation.objects.get(email="zoe@ridgeview.example").full_name == "Zoë Ünal"


def test_successful_import_writes_one_access_log_entry_with_counts(coordinator, program):
    roster_import(by=coordinator, program=program, data=roster_csv(*good_rows(program, 3)))
    entry = AccessLog.objects.get(action=AccessLog.Action.IMPORT)
    assert (entry.record_type, entry.record_id, entry.actor) == (
        "roster",
        str(program.pk),
        coordinator,
    )
    assert "3 invited" in entry.summary
    assert "0 roles added" in entry.summary


# --- each kind of problem: its line, its reason, and nothing imported -----------------------


def test_unknown_program_is_named_on_its_line(coordinator, program):
    errors = rejected(
        coordinator,
        program,
        roster_csv(*good_rows(program, 1), "Al,al@ridgeview.example,Cardiology,,"),
    )
    assert list(errors) == [3]
    assert "Unknown program “Cardiology”" in errors[3]


def test_coordinator_cannot_name_a_program_they_do_not_run(coordinator, program, other_program):
    errors = rejected(
        coordinator, program, roster_csv(f"Al,al@ridgeview.example,{other_program.name},,")
    )
    assert "Unknown program" in errors[2]


def test_coordinator_cannot_name_a_foreign_institutions_program(
    coordinator, program, foreign_program
):
    errors = rejected(
        coordinator, program, roster_csv(f"Al,al@ridgeview.example,{foreign_program.name},,")
    )
    assert "Unknown program" in errors[2]
    assert foreign_program.name in errors[2]  # only the cell the person typed is quoted back


def test_outsider_who_runs_a_foreign_program_cannot_route_rows_there(
    outsider, foreign_program, office_admin, program
):
    errors = rejected(
        office_admin, program, roster_csv(f"Al,al@ridgeview.example,{foreign_program.name},,")
    )
    assert "Unknown program" in errors[2]


def test_duplicate_email_names_the_earlier_line(coordinator, program):
    errors = rejected(
        coordinator,
        program,
        roster_csv(
            "Al,al@ridgeview.example,,,",
            "Bo,bo@ridgeview.example,,,",
            "Al 2,AL@ridgeview.example,,,",
        ),
    )
    assert list(errors) == [4]
    assert "also on line 2" in errors[4]


@pytest.mark.parametrize("email", ["not-an-email", "al@", "al@@ridgeview.example", "a l@x.example"])
def test_bad_email_is_reported(coordinator, program, email):
    errors = rejected(coordinator, program, roster_csv(f"Al,{email},,,"))
    assert "not a valid email address" in errors[2]


def test_missing_email_is_reported(coordinator, program):
    errors = rejected(coordinator, program, roster_csv("Al,,,,"))
    assert "email address is missing" in errors[2]


def test_missing_name_is_reported_for_every_row_so_accounts_cannot_be_probed(coordinator, program):
    UserFactory(email="known@ridgeview.example")
    errors = rejected(
        coordinator,
        program,
        roster_csv(",known@ridgeview.example,,,", ",new@ridgeview.example,,,"),
    )
    assert list(errors) == [2, 3]
    assert errors[2] == errors[3]
    assert "name is missing" in errors[3]


def test_unknown_role_is_reported_with_the_roles_that_can_be_given(coordinator, program):
    errors = rejected(coordinator, program, roster_csv("Al,al@ridgeview.example,,,intern"))
    assert "Unknown role “intern”" in errors[2]
    assert "Peer facilitator" in errors[2]


def test_coordinator_cannot_give_a_staff_role(coordinator, program):
    errors = rejected(coordinator, program, roster_csv("Al,al@ridgeview.example,,,coordinator"))
    assert "can't give the role Coordinator" in errors[2]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("name,email,program,cohort", "Missing column: role"),
        ("name,program,cohort", "Missing columns: email, role"),
        ("name,email,program,cohort,role,phone", "Unexpected column: “phone”"),
        ("name,email,email,program,cohort,role", "given twice: email"),
    ],
)
def test_wrong_columns_are_named(coordinator, program, header, expected):
    errors = rejected(coordinator, program, roster_csv("Al,al@ridgeview.example,,,", header=header))
    assert list(errors) == [1]
    assert expected in errors[1]


def test_extra_cells_on_a_row_are_reported(coordinator, program):
    errors = rejected(coordinator, program, roster_csv("Al,al@ridgeview.example,,,,oops"))
    assert "more cells" in errors[2]


def test_control_characters_in_a_cell_are_reported(coordinator, program):
    errors = rejected(coordinator, program, roster_csv("Al\x00,al@ridgeview.example,,,"))
    assert "control character" in errors[2]


def test_file_that_is_not_utf8_is_rejected_at_the_line_of_the_first_bad_letter(
    coordinator, program
):
    data = "name,email,program,cohort,role\nAl,al@x.example,,,\nZoë,z@x.example,,,\n"
    errors = rejected(coordinator, program, data.encode("latin-1"))
    assert list(errors) == [3]
    assert "isn't saved as UTF-8" in errors[3]


def test_file_over_the_size_limit_is_rejected_in_plain_words(coordinator, program, settings):
    settings.NEARPEER_ROSTER_MAX_BYTES = 2048
    errors = rejected(coordinator, program, roster_csv(*good_rows(program, 60)))
    assert "too large" in errors[0]
    assert "2 KB" in errors[0]


def test_empty_file_is_rejected(coordinator, program):
    errors = rejected(coordinator, program, b"")
    assert "file is empty" in errors[0]


def test_header_only_file_is_rejected(coordinator, program):
    errors = rejected(coordinator, program, roster_csv())
    assert "no people" in errors[1]


def test_every_bad_row_is_listed_even_when_there_are_hundreds(coordinator, program):
    rows = [f"P{i},bad-email-{i},,," for i in range(250)]
    errors = rejected(coordinator, program, roster_csv(*good_rows(program, 2), *rows))
    assert len(errors) == 250
    assert min(errors) == 4
    assert max(errors) == 253


def test_one_row_can_carry_several_reasons(coordinator, program):
    errors = rejected(coordinator, program, roster_csv(",new@ridgeview.example,Nowhere,,boss"))
    assert "Unknown program" in errors[2]
    assert "name is missing" in errors[2]
    assert "Unknown role “boss”" in errors[2]


def test_rejected_file_writes_no_access_log(coordinator, program):
    rejected(coordinator, program, roster_csv("Al,bad,,,"))
    assert not AccessLog.objects.exists()


def test_service_refuses_someone_who_does_not_run_the_program(trainee, program):
    with pytest.raises(PermissionDenied):
        roster_import(by=trainee, program=program, data=roster_csv(*good_rows(program, 1)))
    assert not User.objects.filter(email="person.0@ridgeview.example").exists()


_FAIL_TRIGGER = {
    "sqlite": [
        "CREATE TRIGGER roster_boom BEFORE INSERT ON tenancy_invitation "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION roster_boom() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'boom' USING ERRCODE = 'unique_violation'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER roster_boom BEFORE INSERT ON tenancy_invitation "
        "FOR EACH ROW EXECUTE FUNCTION roster_boom()",
    ],
}


def test_database_error_midway_leaves_nothing_behind(coordinator, program):
    # given the database refuses new invitations, after cohorts were written
    with connection.cursor() as cursor:
        for statement in _FAIL_TRIGGER[connection.vendor]:
            cursor.execute(statement)
    # when / then
    errors = rejected(coordinator, program, roster_csv(*good_rows(program, 3)))
    assert "nothing was imported" in errors[0]
    assert not Invitation.objects.exists()


# --- the query budget -----------------------------------------------------------------------

# Rows cost no queries of their own: look-ups run in batches of 500 and inserts in bulk (SQLite
# caps a bulk insert at 999 values, about 100 rows, so it adds one query per ~100 rows). The rest
# is a fixed handful: policy checks, program and role look-ups, cohorts, the access-log entry.
QUERY_BUDGET_100_ROWS = 25
EXTRA_QUERIES_PER_50_ROWS = 4


def _queries_for(coordinator, program, n: int, start: int) -> int:
    data = roster_csv(*good_rows(program, n, start))
    with CaptureQueriesContext(connection) as ctx:
        roster_import(by=coordinator, program=program, data=data)
    return len(ctx.captured_queries)


def test_query_count_grows_by_a_small_constant_per_row(coordinator, program):
    fifty = _queries_for(coordinator, program, 50, start=0)
    hundred = _queries_for(coordinator, program, 100, start=1000)
    assert hundred <= QUERY_BUDGET_100_ROWS
    assert hundred - fifty <= EXTRA_QUERIES_PER_50_ROWS


def test_reimport_query_count_does_not_grow_with_rows(coordinator, program):
    data = roster_csv(*good_rows(program, 100))
    roster_import(by=coordinator, program=program, data=data)
    with CaptureQueriesContext(connection) as ctx:
        roster_import(by=coordinator, program=program, data=data)
    assert len(ctx.captured_queries) <= QUERY_BUDGET_100_ROWS


def test_a_thousand_new_people_import_in_a_bounded_number_of_queries(coordinator, program):
    data = roster_csv(*good_rows(program, 1000))
    with CaptureQueriesContext(connection) as ctx:
        result = roster_import(by=coordinator, program=program, data=data)
    assert (result.invited, result.roles_added) == (1000, 0)
    assert len(ctx.captured_queries) <= QUERY_BUDGET_100_ROWS + 20  # inserts in batches


# --- the parser on any input ----------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: (HEADER + "\n" + t).encode()))
def test_parser_never_fails_with_anything_but_roster_rejected(data):
    try:
        rows, problems = parse_roster(data, max_bytes=350)
    except RosterRejected as exc:
        assert exc.errors
        assert all(e.reason for e in exc.errors)
    else:
        assert rows


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30).map(
    str.strip
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_cell, _cell), min_size=1, max_size=15))
def test_parser_reads_back_what_a_spreadsheet_writes(people):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    for i, (name, cohort) in enumerate(people):
        writer.writerow([name, f"p{i}@ridgeview.example", "", cohort, ""])
    rows, problems = parse_roster(out.getvalue().encode(), max_bytes=10**6)
    assert not problems.by_line
    assert [(r.name, r.email, r.cohort) for r in rows] == [
        (name, f"p{i}@ridgeview.example", cohort) for i, (name, cohort) in enumerate(people)
    ]


# --- the page -------------------------------------------------------------------------------


def _named(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


def test_coordinator_sees_the_upload_form_with_help(sign_in, coordinator, program):
    response = sign_in(coordinator).get(reverse("roster_import", args=[program.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Roster file (CSV)" in page
    assert 'name="file"' in page
    assert "Check and import" in page
    assert "name,email,program,cohort,role" in page
    assert reverse("roster_template", args=[program.pk]) in page


def test_small_upload_is_imported_at_once_and_shows_its_counts(sign_in, coordinator, program):
    client = sign_in(coordinator)
    response = client.post(
        reverse("roster_import", args=[program.pk]),
        {"file": _named(roster_csv(*good_rows(program, 2)), "roster.csv")},
        follow=True,
    )
    job = RosterImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "roster_import_status", args=[program.pk, job.pk]
    )
    page = response.content.decode()
    assert (
        "0 roles added, 2 people invited by email (their roles start when they accept), "
        "0 already there (unchanged)"
    ) in page
    assert (job.status, job.rows_done, job.content) == ("done", 2, "")


def test_bad_upload_lists_rows_to_fix_and_imports_nothing(sign_in, coordinator, program):
    before = counts()
    data = roster_csv("Al,bad,,,", "Bo,bo@ridgeview.example,Nowhere,,")
    response = sign_in(coordinator).post(
        reverse("roster_import", args=[program.pk]), {"file": _named(data, "r.csv")}
    )
    page = response.content.decode()
    assert counts() == before
    assert 'id="roster-errors"' in page
    assert "Nothing was imported. Fix these 2 rows and upload the file again." in page
    assert "<caption>" in page
    assert "<td>2</td>" in page
    assert "<td>3</td>" in page


def test_page_lists_at_most_200_rows_but_counts_them_all(sign_in, coordinator, program):
    data = roster_csv(*[f"P{i},bad-{i},,," for i in range(230)])
    response = sign_in(coordinator).post(
        reverse("roster_import", args=[program.pk]), {"file": _named(data, "r.csv")}
    )
    page = response.content.decode()
    assert "Fix these 230 rows" in page
    assert "The first 200 are listed" in page
    assert page.count("not a valid email address") == 200


def test_oversize_upload_is_refused_on_the_page(sign_in, coordinator, program, settings):
    settings.NEARPEER_ROSTER_MAX_BYTES = 1024 * 1024
    data = roster_csv(*good_rows(program, 20)) + b"#" * (1024 * 1024)
    response = sign_in(coordinator).post(
        reverse("roster_import", args=[program.pk]), {"file": _named(data, "big.csv")}
    )
    assert "the most nearpeer accepts is 1 MB" in response.content.decode()
    assert not User.objects.filter(email__startswith="person.").exists()


def test_template_download_has_the_columns(sign_in, coordinator, program):
    response = sign_in(coordinator).get(reverse("roster_template", args=[program.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").strip() == HEADER


@pytest.mark.parametrize("name", ["roster_import", "roster_template"])
def test_outsider_gets_404(sign_in, outsider, program, name):
    client = sign_in(outsider)
    assert client.get(reverse(name, args=[program.pk])).status_code == 404


def test_outsider_upload_gets_404_and_imports_nothing(sign_in, outsider, program):
    before = counts()
    response = sign_in(outsider).post(
        reverse("roster_import", args=[program.pk]),
        {"file": _named(roster_csv(*good_rows(program, 1)), "r.csv")},
    )
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize("name", ["roster_import", "roster_template"])
def test_trainee_gets_404(sign_in, trainee, program, name):
    assert sign_in(trainee).get(reverse(name, args=[program.pk])).status_code == 404


def test_coordinator_cannot_import_into_a_program_they_do_not_run(
    sign_in, coordinator, other_program
):
    before = counts()
    response = sign_in(coordinator).post(
        reverse("roster_import", args=[other_program.pk]),
        {"file": _named(roster_csv(*good_rows(other_program, 1)), "r.csv")},
    )
    assert response.status_code == 404
    assert counts() == before


def test_signed_out_visitor_is_sent_to_sign_in(client, program):
    response = client.get(reverse("roster_import", args=[program.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
