"""Another institution's office (the outsider) finds nothing of Ridgeview's curriculum: every page
and API endpoint answers 404 for Ridgeview's plans and proposals, and its lists show none."""

import pytest
from django.urls import reverse

from nearpeer.curriculum import services
from tests.curriculum.conftest import content


@pytest.fixture
def ridgeview_things(coordinator, facilitator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    proposal = services.proposal_submit(by=facilitator, program=program, **content())
    return {"plan": core["gratitude"], "copy": copy, "proposal": proposal, "program": program}


PAGES = [
    ("get", "curriculum:core_plan_detail", "plan"),
    ("get", "curriculum:core_plan_publish", "plan"),
    ("post", "curriculum:core_plan_publish", "plan"),
    ("get", "curriculum:core_plan_customize", "plan"),
    ("post", "curriculum:core_plan_customize", "plan"),
    ("get", "curriculum:program_plan_list", "program"),
    ("get", "curriculum:program_plan_detail", "copy"),
    ("get", "curriculum:program_plan_edit", "copy"),
    ("post", "curriculum:program_plan_edit", "copy"),
    ("get", "curriculum:program_plan_diff", "copy"),
    ("get", "curriculum:program_plan_take_newer", "copy"),
    ("post", "curriculum:program_plan_take_newer", "copy"),
    ("get", "curriculum:proposal_detail", "proposal"),
    ("post", "curriculum:proposal_review", "proposal"),
    ("get", "curriculum:proposal_resubmit", "proposal"),
    ("post", "curriculum:proposal_resubmit", "proposal"),
]


@pytest.mark.parametrize(("method", "name", "thing"), PAGES)
def test_the_outsider_gets_404_on_every_page_about_ridgeviews_curriculum(
    sign_in, outsider, foreign_core, ridgeview_things, method, name, thing
):
    url = reverse(name, args=[ridgeview_things[thing].pk])
    data = {"decision": "approved", "comment": "", "program": ridgeview_things["program"].pk}
    response = getattr(sign_in(outsider), method)(url, data if method == "post" else None)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["curriculum:program_plan_detail", "curriculum:proposal_detail"])
def test_unknown_ids_are_404(sign_in, office_admin, name):
    assert sign_in(office_admin).get(reverse(name, args=[999999])).status_code == 404


def test_the_outsiders_pages_list_nothing_of_ridgeview(
    sign_in, outsider, foreign_core, ridgeview_things
):
    client = sign_in(outsider)
    plans = client.get(reverse("curriculum:core_plan_list")).content.decode()
    assert plans.count("Lakeshore Health Sciences") >= len(foreign_core)
    assert "Ridgeview" not in plans
    proposals = client.get(reverse("curriculum:proposal_list")).content.decode()
    assert ridgeview_things["proposal"].title not in proposals


def api_cases(things):
    plan, copy, proposal, program = (
        things["plan"].pk,
        things["copy"].pk,
        things["proposal"].pk,
        things["program"].pk,
    )
    return [
        ("get", f"/plans/{plan}", None),
        ("get", f"/programs/{program}/plans", None),
        ("post", f"/programs/{program}/plans", {"plan_id": plan}),
        ("get", f"/program-plans/{copy}", None),
        ("patch", f"/program-plans/{copy}", {"title": "Taken"}),
        ("post", f"/program-plans/{copy}/take-newer", None),
        ("get", f"/proposals/{proposal}", None),
        ("post", f"/proposals/{proposal}/review", {"decision": "approved"}),
        ("post", "/proposals", {**content(), "program_id": program}),
    ]


def test_the_outsider_gets_404_from_every_api_endpoint_about_ridgeviews_curriculum(
    api_as, outsider, foreign_core, ridgeview_things
):
    api = api_as(outsider)
    for method, path, body in api_cases(ridgeview_things):
        call = getattr(api, method)
        response = call(path, body) if method in ("post", "patch") else call(path)
        assert response.status_code == 404, (method, path, response.content)
        assert response.json() == {"detail": "Not found."}


def test_the_outsider_cannot_copy_ridgeviews_plan_into_their_own_program(
    api_as, outsider, foreign_program, ridgeview_things
):
    response = api_as(outsider).post(
        f"/programs/{foreign_program.pk}/plans", {"plan_id": ridgeview_things["plan"].pk}
    )
    assert response.status_code == 404


def test_the_outsiders_api_lists_contain_nothing_of_ridgeview(
    api_as, outsider, lakeshore, foreign_core, ridgeview_things
):
    api = api_as(outsider)
    plans = api.get("/plans", page_size=100).json()
    assert plans["count"] == len(foreign_core)
    assert {p["institution_id"] for p in plans["items"]} == {lakeshore.pk}
    assert api.get("/proposals").json() == {"items": [], "count": 0}
