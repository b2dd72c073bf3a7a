"""The API describes itself: schema and docs load, listing every endpoint and both ways in."""

import re

from django.test import Client

EXPECTED = {
    ("get", "/api/v1/me"),
    ("get", "/api/v1/institutions"),
    ("get", "/api/v1/institutions/{institution_id}"),
    ("get", "/api/v1/programs"),
    ("post", "/api/v1/programs"),
    ("get", "/api/v1/programs/{program_id}"),
    ("patch", "/api/v1/programs/{program_id}"),
    ("get", "/api/v1/programs/{program_id}/cohorts"),
    ("post", "/api/v1/programs/{program_id}/roster"),
    ("get", "/api/v1/roster-imports/{import_id}"),
    ("get", "/api/v1/memberships"),
    ("post", "/api/v1/memberships"),
    ("get", "/api/v1/memberships/{membership_id}"),
    ("post", "/api/v1/memberships/{membership_id}/end"),
    ("get", "/api/v1/calendars"),
    ("post", "/api/v1/calendars"),
    ("get", "/api/v1/calendars/{calendar_id}"),
    ("get", "/api/v1/blackouts"),
    ("post", "/api/v1/blackouts"),
    ("delete", "/api/v1/blackouts/{blackout_id}"),
}


def test_openapi_schema_lists_every_endpoint(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    found = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert not EXPECTED - found  # other apps add their own endpoints
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_the_spines_operation_ids_are_kept(db):
    """tenancy/api/ is a package of routers; its operation ids are still those of the one module
    it was, so clients generated from the schema keep their method names."""
    schema = Client().get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()}
    views = [
        "institution_list",
        "institution_detail",
        "program_list",
        "program_create",
        "program_detail",
        "program_update",
        "cohort_list",
        "roster_upload",
        "roster_import_detail",
        "membership_list",
        "membership_create",
        "membership_detail",
        "invitation_list",
        "invitation_withdraw",
        "membership_end",
        "calendar_list",
        "calendar_create",
        "calendar_detail",
        "blackout_list",
        "blackout_create",
        "blackout_delete",
    ]
    assert {f"nearpeer_tenancy_api_{view}" for view in views} <= ids


def test_every_endpoint_requires_authentication(db):
    schema = Client().get("/api/v1/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("security"), (method, path)


def test_create_schemas_offer_no_fields_the_caller_may_not_set(db):
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schemas["ProgramUpdateIn"]["properties"]) == {
        "name",
        "kind",
        "headcount",
        "time_zone",
        "session_cadence",
        "is_active",
    }
    assert "institution_id" not in schemas["MembershipCreateIn"]["properties"]
    assert schemas["MembershipCreateIn"]["additionalProperties"] is False


def test_interactive_docs_page_loads(db):
    assert Client().get("/api/v1/docs").status_code == 200


def test_interactive_docs_load_the_viewer_from_our_own_static_files(db):
    from django.contrib.staticfiles import finders

    page = Client().get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower()
    for script in re.findall(r'<script src="([^"]+)"', page):
        assert script.startswith("/static/"), script
        assert finders.find(script.removeprefix("/static/")), f"{script} is not a static file"
