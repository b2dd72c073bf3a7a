"""Proposals: facilitators suggest plans; the office approves, asks for changes, or declines."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nearpeer.curriculum import selectors, services
from nearpeer.curriculum.models import Proposal, SessionPlan
from tests.curriculum.conftest import codes, content

S = Proposal.Status


@pytest.fixture
def proposal(facilitator, program):
    return services.proposal_submit(by=facilitator, program=program, **content())


def test_a_facilitator_submits_a_proposal_for_their_program(proposal, facilitator, ridgeview):
    assert proposal.status == S.SUBMITTED
    assert (proposal.institution, proposal.proposed_by) == (ridgeview, facilitator)


def test_staff_of_the_program_may_propose_but_a_trainee_may_not(coordinator, trainee, program):
    services.proposal_submit(by=coordinator, program=program, **content())
    with pytest.raises(PermissionDenied):
        services.proposal_submit(by=trainee, program=program, **content())


def test_a_facilitator_cannot_propose_for_another_program(facilitator, other_program):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(by=facilitator, program=other_program, **content())


def test_a_proposal_whose_outline_does_not_add_up_is_refused(facilitator, program):
    with pytest.raises(ValidationError, match="add up to 60 minutes, but the plan is 90"):
        services.proposal_submit(by=facilitator, program=program, **content(minutes=90))
    assert not Proposal.objects.exists()


def test_approving_makes_a_new_core_plan_version_1(proposal, office_admin, ridgeview):
    reviewed = services.proposal_review(
        by=office_admin, proposal=proposal, decision=S.APPROVED, comment=""
    )
    plan = reviewed.resulting_plan
    assert reviewed.status == S.APPROVED
    assert (plan.institution, plan.version, plan.title) == (ridgeview, 1, proposal.title)
    assert plan.outline == proposal.outline
    assert reviewed.reviews.get().decision == S.APPROVED


@pytest.mark.parametrize("decision", [S.CHANGES_REQUESTED, S.DECLINED])
def test_asking_for_changes_or_declining_needs_a_comment(proposal, office_admin, decision):
    with pytest.raises(ValidationError) as caught:
        services.proposal_review(by=office_admin, proposal=proposal, decision=decision, comment=" ")
    assert "comment_required" in codes(caught.value)
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED and not proposal.reviews.exists()


def test_changes_requested_then_resubmitted_then_approved(proposal, office_admin, facilitator):
    services.proposal_review(
        by=office_admin, proposal=proposal, decision=S.CHANGES_REQUESTED, comment="Add a pause."
    )
    proposal.refresh_from_db()
    services.proposal_resubmit(
        by=facilitator, proposal=proposal, materials="Pens and a timer for the pause."
    )
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert proposal.materials == "Pens and a timer for the pause."
    done = services.proposal_review(
        by=office_admin, proposal=proposal, decision=S.APPROVED, comment="Thank you!"
    )
    assert done.resulting_plan.materials == "Pens and a timer for the pause."
    assert list(done.reviews.values_list("decision", flat=True)) == [
        S.CHANGES_REQUESTED,
        S.APPROVED,
    ]


@pytest.mark.parametrize("decision", [S.APPROVED, S.DECLINED])
def test_a_decided_proposal_cannot_be_reviewed_again(proposal, office_admin, decision):
    services.proposal_review(by=office_admin, proposal=proposal, decision=decision, comment="ok")
    with pytest.raises(ValidationError) as caught:
        services.proposal_review(
            by=office_admin, proposal=proposal, decision=S.APPROVED, comment=""
        )
    assert "bad_transition" in codes(caught.value)
    assert SessionPlan.objects.count() == (1 if decision == S.APPROVED else 0)


def test_a_proposal_waiting_for_review_cannot_be_resubmitted(proposal, facilitator):
    with pytest.raises(ValidationError) as caught:
        services.proposal_resubmit(by=facilitator, proposal=proposal, title="New")
    assert "bad_transition" in codes(caught.value)


def test_only_the_proposer_can_resubmit(proposal, office_admin, coordinator):
    services.proposal_review(
        by=office_admin, proposal=proposal, decision=S.CHANGES_REQUESTED, comment="More."
    )
    proposal.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.proposal_resubmit(by=coordinator, proposal=proposal, title="Taken over")


def test_an_unknown_decision_is_refused(proposal, office_admin):
    with pytest.raises(ValidationError) as caught:
        services.proposal_review(by=office_admin, proposal=proposal, decision="maybe", comment="")
    assert "bad_decision" in codes(caught.value)


def test_only_the_institutions_office_reviews(proposal, coordinator, outsider):
    for person in (coordinator, outsider):
        with pytest.raises(PermissionDenied):
            services.proposal_review(by=person, proposal=proposal, decision=S.APPROVED, comment="")


def test_who_sees_which_proposals(
    proposal, facilitator, coordinator, director, office_admin, trainee, outsider, other_program
):
    theirs = services.proposal_submit(by=director, program=other_program, **content(title="Other"))
    assert set(selectors.proposals_visible(facilitator)) == {proposal}
    assert set(selectors.proposals_visible(coordinator)) == {proposal}
    assert set(selectors.proposals_visible(director)) == {theirs}
    assert set(selectors.proposals_visible(office_admin)) == {proposal, theirs}
    assert not selectors.proposals_visible(trainee).exists()
    assert not selectors.proposals_visible(outsider).exists()
