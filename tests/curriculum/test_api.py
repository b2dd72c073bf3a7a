"""The curriculum API: the same rules as the pages, with specific errors and no mass assignment."""

from nearpeer.curriculum import services
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from tests.curriculum.conftest import content


def test_a_trainee_lists_core_plans_and_filters_by_technique(api_as, trainee, core):
    api = api_as(trainee)
    everything = api.get("/plans", page_size=100).json()
    assert everything["count"] == len(core)
    mindful = api.get("/plans", technique="mindfulness", page_size=100).json()
    assert {p["key"] for p in mindful["items"]} == {
        k for k, p in core.items() if "mindfulness" in p.techniques
    }
    detail = api.get(f"/plans/{core['grief-and-loss'].pk}").json()
    assert sum(s["minutes"] for s in detail["outline"]) == detail["minutes"] == 90


def test_a_coordinator_customizes_and_patches_a_plan(api_as, coordinator, program, core):
    api = api_as(coordinator)
    created = api.post(f"/programs/{program.pk}/plans", {"plan_id": core["gratitude"].pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["based_on_version"], body["newer_core_version"]) == (1, None)

    patched = api.patch(f"/program-plans/{body['id']}", {"title": "Gratitude on nights"})
    assert patched.status_code == 200
    assert patched.json()["title"] == "Gratitude on nights"
    listed = api.get(f"/programs/{program.pk}/plans").json()
    assert [p["title"] for p in listed["items"]] == ["Gratitude on nights"]


def test_patch_refuses_fields_that_are_not_content(api_as, coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    response = api_as(coordinator).patch(f"/program-plans/{copy.pk}", {"program_id": 99})
    assert response.status_code == 422
    assert "program_id" in response.json()["errors"]


def test_patch_explains_an_outline_that_does_not_add_up(api_as, coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    response = api_as(coordinator).patch(f"/program-plans/{copy.pk}", {"minutes": 75})
    assert response.status_code == 400
    assert response.json()["errors"]["outline"] == [
        "The segments add up to 60 minutes, but the plan is 75 minutes long."
    ]


def test_a_trainee_may_not_customize_or_patch(api_as, trainee, coordinator, program, core):
    api = api_as(trainee)
    refused = api.post(f"/programs/{program.pk}/plans", {"plan_id": core["gratitude"].pk})
    assert refused.status_code == 403
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    assert api.patch(f"/program-plans/{copy.pk}", {"title": "x"}).status_code == 403
    assert ProgramPlan.objects.get().title == core["gratitude"].title


def test_a_coordinator_cannot_customize_for_another_program(
    api_as, coordinator, other_program, core
):
    response = api_as(coordinator).post(
        f"/programs/{other_program.pk}/plans", {"plan_id": core["gratitude"].pk}
    )
    assert response.status_code == 404  # they can't see that program at all


def test_proposal_submit_and_review_through_the_api(
    api_as, facilitator, office_admin, program, ridgeview
):
    submitted = api_as(facilitator).post("/proposals", {**content(), "program_id": program.pk})
    assert submitted.status_code == 201, submitted.content
    proposal_id = submitted.json()["id"]
    office = api_as(office_admin)

    no_comment = office.post(f"/proposals/{proposal_id}/review", {"decision": "declined"})
    assert no_comment.status_code == 400
    assert "comment" in no_comment.json()["errors"]

    approved = office.post(f"/proposals/{proposal_id}/review", {"decision": "approved"})
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    plan = SessionPlan.objects.get(pk=approved.json()["resulting_plan_id"])
    assert (plan.institution, plan.version) == (ridgeview, 1)

    again = office.post(
        f"/proposals/{proposal_id}/review", {"decision": "declined", "comment": "x"}
    )
    assert again.status_code == 400
    assert Proposal.objects.get().status == Proposal.Status.APPROVED


def test_proposals_refuse_status_and_institution_fields(api_as, facilitator, program):
    body = {**content(), "program_id": program.pk, "status": "approved", "institution_id": 1}
    response = api_as(facilitator).post("/proposals", body)
    assert response.status_code == 422
    assert {"status", "institution_id"} <= set(response.json()["errors"])
    assert not Proposal.objects.exists()


def test_the_proposer_sees_their_own_proposals(api_as, facilitator, trainee, program):
    services.proposal_submit(by=facilitator, program=program, **content())
    assert api_as(facilitator).get("/proposals").json()["count"] == 1
    assert api_as(trainee).get("/proposals").json()["count"] == 0
