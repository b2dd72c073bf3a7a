"""The published schema names each shape once and describes what the API really answers
(issue #7, defect 6). The full check of every answer is test_openapi_conformance.py."""

from django.test import Client


def _components(db):
    return Client().get("/api/v1/openapi.json").json()["components"]["schemas"]


def test_each_kind_of_choice_has_its_own_name(db):
    schemas = _components(db)
    for gone in ("Kind", "Status", "Cadence", "Outcome", "PersonOut", "Input"):
        assert gone not in schemas, gone
    assert "residency" in schemas["ProgramKind"]["enum"]
    assert "exam" in schemas["BlackoutKind"]["enum"]
    assert "counseling" in schemas["ResourceKind"]["enum"]
    assert "scheduled" in schemas["MeetingStatus"]["enum"]
    assert "submitted" in schemas["ProposalStatus"]["enum"]
    assert "published" in schemas["ShiftStatus"]["enum"]
    assert "waiting" in schemas["SupportRequestStatus"]["enum"]
    assert "requested" in schemas["ShiftSwapStatus"]["enum"]
    assert "custom" in schemas["SeriesCadence"]["enum"]
    assert "monthly" in schemas["ProgramCadence"]["enum"]
    assert "supported" in schemas["ContactOutcome"]["enum"]
    assert "connected" in schemas["ReferralOutcome"]["enum"]
    assert set(schemas["MembershipPersonOut"]["properties"]) == {"id", "email", "full_name"}
    assert "rsvp" in schemas["AttendeeOut"]["properties"]
    assert set(schemas["RotaPersonOut"]["properties"]) == {"id", "name"}


def test_a_series_start_time_is_declared_as_the_local_clock_time_it_is(db):
    schemas = _components(db)
    for name in ("SeriesOut", "SeriesCreateIn"):
        start_time = schemas[name]["properties"]["start_time"]
        assert "format" not in start_time  # JSON Schema's "time" would promise an offset
        assert start_time["type"] == "string"
        assert start_time["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
        assert "program's time zone" in start_time["description"]
