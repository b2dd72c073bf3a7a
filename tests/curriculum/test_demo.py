"""The demo curriculum: installed at both demo institutions, safe to build again."""

import datetime

import pytest

from nearpeer.curriculum import selectors
from nearpeer.curriculum.core_plans import CORE_PLANS
from nearpeer.curriculum.models import ProgramPlan, Proposal, ProposalReview, SessionPlan
from nearpeer.demo import data as demo
from nearpeer.tenancy.models import Membership, Role

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def counts() -> dict[str, int]:
    models = (SessionPlan, ProgramPlan, Proposal, ProposalReview)
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_curriculum_is_built_once_and_shows_every_state():
    built = demo.build(today=TODAY)
    first = counts()
    demo.build(today=TODAY)
    assert counts() == first

    for institution in built.institutions.values():
        assert SessionPlan.objects.filter(institution=institution, version=1).count() >= len(
            CORE_PLANS
        )
        statuses = set(
            Proposal.objects.filter(institution=institution).values_list("status", flat=True)
        )
        assert statuses == set(Proposal.Status.values)
        office = (
            Membership.objects.filter(institution=institution, role=Role.OFFICE_ADMIN).first().user
        )
        flagged = [
            p for p in selectors.program_plans_visible(office) if p.newer_core_version is not None
        ]
        assert len(flagged) == 1
