"""A coordinator imports a roster through the page: a bad row is named and nothing is saved;
the corrected file goes in whole and its import page says what was added."""

import pytest

from nearpeer.tenancy.models import Invitation, Membership, Role, RosterImport
from nearpeer.tenancy.roster_jobs import roster_import_run
from tests.browser.support import check_axe, sign_in_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_ROWS = [
    "Jordan Lee,jordan.lee@ridgeview.example,,PGY-1,trainee",
    "Sam Rivera,sam.rivera@ridgeview.example,,PGY-1,trainee",
    "Avery Chen,avery.chen@ridgeview.example,,PGY-2,peer facilitator",
]


def _roster(tmp_path, name: str, rows: list[str]):
    path = tmp_path / name
    path.write_text("name,email,program,cohort,role\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _upload(page, path) -> None:
    page.get_by_label("Roster file (CSV)").set_input_files(path)
    with page.expect_navigation():
        page.get_by_role("button", name="Check and import").click()


def test_roster_with_a_bad_row_is_explained_then_the_fixed_file_imports(
    page, live_server, coordinator, program, tmp_path
):
    # given a coordinator on their program's page
    sign_in_cookie(page.context, coordinator, live_server.url)
    page.goto(f"/programs/{program.pk}/")
    check_axe(page)
    members_before = Membership.objects.filter(program=program).count()

    # when they follow "Import a roster" and upload a file whose line 3 has a broken email
    page.get_by_role("link", name="Import a roster").click()
    page.wait_for_url(f"**/programs/{program.pk}/roster/import/")
    check_axe(page)
    bad = list(GOOD_ROWS)
    bad[1] = "Sam Rivera,sam.rivera(at)ridgeview.example,,PGY-1,trainee"
    _upload(page, _roster(tmp_path, "bad.csv", bad))

    # then the page names line 3 and what is wrong with it, and nothing was imported
    errors = page.locator("#roster-errors")
    assert errors.is_visible()
    rows = errors.locator("tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text().strip() == "3"
    assert "email" in rows.first.locator("td").nth(1).inner_text().lower()
    assert Membership.objects.filter(program=program).count() == members_before
    check_axe(page)

    # when they upload the corrected file
    _upload(page, _roster(tmp_path, "fixed.csv", GOOD_ROWS))

    # then they see the import's page, told what was added
    assert "/roster/imports/" in page.url
    message = page.locator("#roster-import-status").inner_text()
    assert "3 people invited by email" in message
    assert Invitation.objects.filter(program=program, role=Role.TRAINEE).count() == 2
    assert Invitation.objects.filter(program=program, role=Role.PEER_FACILITATOR).count() == 1
    check_axe(page)

    # and the program page lists the people invited, waiting for their answer
    page.get_by_role("link", name=f"Back to {program.name}").click()
    page.wait_for_url(f"**/programs/{program.pk}/")
    assert page.get_by_role("cell", name="avery.chen@ridgeview.example", exact=True).is_visible()
    assert page.get_by_role("heading", name="Invited, waiting for an answer").is_visible()
    check_axe(page)


def test_import_page_follows_a_background_import_until_it_is_done(
    page, live_server, coordinator, program
):
    # given a checked file waiting for its background task
    rows = [f"Person {i},person.{i}@ridgeview.example,,PGY-1,trainee" for i in range(3)]
    job = RosterImport.objects.create(
        program=program,
        uploaded_by=coordinator,
        filename="big.csv",
        row_count=3,
        content="name,email,program,cohort,role\n" + "\n".join(rows) + "\n",
    )
    sign_in_cookie(page.context, coordinator, live_server.url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/programs/{program.pk}/roster/imports/{job.pk}/")
    status = page.locator("#roster-import-status")
    assert "waiting to start" in status.inner_text()
    check_axe(page)
    # when the task runs
    roster_import_run(import_id=job.pk)
    # then the page, polling, shows the counts without a reload
    page.get_by_text("3 people invited by email", exact=False).wait_for(timeout=10_000)
    assert page.locator("#roster-import-status progress").get_attribute("value") == "3"
    check_axe(page)
