"""Curriculum personas and data. Besides the shared personas: ``facilitator``, a peer facilitator
in Ridgeview's internal medicine residency, and both institutions' core curricula installed."""

import pytest

from nearpeer.curriculum.models import SessionPlan
from nearpeer.curriculum.services import core_curriculum_install
from nearpeer.tenancy.models import Role
from tests.api.conftest import ApiClient
from tests.conftest import _member
from tests.support import api_token_for


def content(**changes) -> dict:
    """A valid 60-minute plan's content."""
    return {
        "title": "Hope in hard rotations",
        "summary": "Finding small sources of hope on the hardest rotations.",
        "goals": ["Name what is hard", "Notice small sources of hope"],
        "techniques": ["positive_psychology", "mindfulness"],
        "minutes": 60,
        "outline": [
            {"title": "Welcome", "minutes": 10, "detail": "The group agreement."},
            {"title": "Pairs", "minutes": 30, "detail": "Stories of hope."},
            {"title": "Closing", "minutes": 20, "detail": "Where support is."},
        ],
        "facilitator_guide": "Open gently. Refer to counseling, or 988 in a crisis.",
        "materials": "Pens.",
        **changes,
    }


@pytest.fixture
def facilitator(program):
    return _member(
        Role.PEER_FACILITATOR,
        program,
        email="finn.facilitator@ridgeview.example",
        full_name="Finn Facilitator",
    )


@pytest.fixture
def core(ridgeview):
    """Ridgeview's installed core curriculum, by key."""
    core_curriculum_install(institution=ridgeview)
    return {p.key: p for p in SessionPlan.objects.filter(institution=ridgeview)}


@pytest.fixture
def foreign_core(lakeshore):
    core_curriculum_install(institution=lakeshore)
    return {p.key: p for p in SessionPlan.objects.filter(institution=lakeshore)}


def codes(exc) -> set[str]:
    """Every error code in a ValidationError, whether by field or not."""
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


@pytest.fixture
def api_as():
    """``api_as(user)``: an API client carrying a fresh personal token of that user."""

    def _api_as(user) -> ApiClient:
        raw = api_token_for(user, name="curriculum tests")
        return ApiClient(raw)

    return _api_as
