"""The access log page: plain words for each entry, and filters by person, kind, action and date."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import nearpeer
from nearpeer.audit.labels import KINDS, entry_label
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record

SOURCE = Path(nearpeer.__file__).parent


def _entry(institution, *, email="mia.mentor@ridgeview.example", kind="support_request", **extra):
    entry = access_record(
        actor=None,
        institution=institution,
        action=extra.pop("action", AccessLog.Action.READ),
        record_type=kind,
        record_id=extra.pop("record_id", 5),
        summary=extra.pop("summary", ""),
    )
    changes = {"actor_email": email, **extra}
    AccessLog.objects.filter(pk=entry.pk).update(**changes)
    return entry


def _rows(response) -> str:
    body = response.content.decode()
    return body.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in body else ""


def test_the_office_reads_plain_words_not_technical_names(sign_in, office_admin, ridgeview):
    _entry(ridgeview, kind="support_request_messages", record_id=5)

    rows = _rows(sign_in(office_admin).get("/audit/"))

    assert "Read a support conversation" in rows
    assert "support_request_messages" not in rows


def test_every_kind_of_record_the_app_logs_has_plain_words():
    logged = {
        match
        for path in SOURCE.rglob("*.py")
        for match in re.findall(r"record_type\s*=\s*\"([a-z_]+)\"", path.read_text())
    }
    assert logged, "no access_record call found: has record_type been renamed?"
    assert logged - set(KINDS) == set(), "add these kinds to nearpeer/audit/labels.py"


@pytest.mark.parametrize(
    ("kind", "action", "label"),
    [
        ("roster", "import", "Imported a roster"),
        ("membership", "create", "Gave a role"),
        ("membership", "end", "Ended a role"),
        ("support_contact_notes", "read", "Read a contact record"),
        ("access_log", "read", "Viewed the access log"),
        ("weekly_report", "export", "Exported weekly report"),  # a kind not listed yet
        ("weekly_report", "archive", "Archive weekly report"),
    ],
)
def test_each_entry_reads_as_a_short_sentence(kind, action, label):
    assert entry_label(kind, action) == label


def test_the_office_finds_one_persons_entries(sign_in, office_admin, ridgeview):
    _entry(ridgeview, email="mia.mentor@ridgeview.example", summary="read by Mia")
    _entry(ridgeview, email="wes.backup@ridgeview.example", summary="read by Wes")

    rows = _rows(sign_in(office_admin).get("/audit/", {"person": "MIA.men"}))

    assert "read by Mia" in rows
    assert "read by Wes" not in rows


def test_the_office_narrows_the_log_to_one_kind_and_action(sign_in, office_admin, ridgeview):
    _entry(ridgeview, kind="roster", action="import", summary="the roster")
    _entry(ridgeview, kind="support_referral", action="create", summary="the referral")
    _entry(ridgeview, kind="support_referral", action="read", summary="a referral read")

    client = sign_in(office_admin)
    by_kind = _rows(client.get("/audit/", {"kind": "support_referral"}))
    by_both = _rows(client.get("/audit/", {"kind": "support_referral", "action": "create"}))

    assert "the referral" in by_kind and "a referral read" in by_kind
    assert "the roster" not in by_kind
    assert "the referral" in by_both and "a referral read" not in by_both


def test_the_office_narrows_the_log_to_days(sign_in, office_admin, ridgeview):
    def at(day):
        return datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC)

    _entry(ridgeview, at=at(1), summary="on the first")
    _entry(ridgeview, at=at(10), summary="on the tenth")
    _entry(ridgeview, at=at(20), summary="on the twentieth")

    rows = _rows(
        sign_in(office_admin).get("/audit/", {"date_from": "2026-03-10", "date_to": "2026-03-10"})
    )

    assert "on the tenth" in rows
    assert "on the first" not in rows and "on the twentieth" not in rows


def test_dates_the_wrong_way_round_are_explained(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).get(
        "/audit/", {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )

    assert response.status_code == 400
    assert "Choose a date on or after the “From” date." in response.content.decode()


def test_no_match_is_said_plainly(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).get("/audit/", {"person": "nobody-at-all"})

    assert "No entries match these filters." in response.content.decode()


def test_the_next_page_keeps_the_filters(sign_in, office_admin, ridgeview):
    for _ in range(55):
        _entry(ridgeview, kind="roster", action="import")

    body = sign_in(office_admin).get("/audit/", {"kind": "roster"}).content.decode()

    assert 'href="?kind=roster&amp;page=2">Older</a>' in body


def test_filters_never_reach_another_institutions_log(sign_in, outsider, ridgeview):
    _entry(ridgeview, email="mia.mentor@ridgeview.example")

    rows = _rows(sign_in(outsider, Client()).get("/audit/", {"person": "mia"}))

    assert "mia.mentor" not in rows


def test_the_log_costs_the_same_queries_however_long_it_is(sign_in, office_admin, ridgeview):
    client = sign_in(office_admin)
    filters = {"person": "ridgeview", "kind": "support_request", "date_from": "2020-01-01"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/", filters).status_code == 200
        return len(captured)

    _entry(ridgeview)
    queries()  # the first visit also settles the session
    few = queries()
    for _ in range(40):
        _entry(ridgeview)
    assert queries() == few
