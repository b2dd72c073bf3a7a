"""nearpeer's own core curriculum: enough plans, each one valid, installed once per institution."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nearpeer.curriculum.core_plans import CORE_PLANS
from nearpeer.curriculum.models import SessionPlan
from nearpeer.curriculum.services import core_curriculum_install, plan_validate_outline

TOPICS = (
    "imposter",
    "uncertainty",
    "self-compassion",
    "gratitude",
    "burnout",
    "boundaries",
    "feedback",
    "grief",
    "sleep",
    "belonging",
)


def test_there_are_at_least_ten_core_plans_with_unique_keys_covering_the_topics():
    keys = [p["key"] for p in CORE_PLANS]
    assert len(keys) >= 10
    assert len(set(keys)) == len(keys)
    for topic in TOPICS:
        assert any(topic in key for key in keys), topic


@pytest.mark.parametrize("plan", CORE_PLANS, ids=lambda p: p["key"])
def test_each_core_plan_is_complete_and_its_outline_adds_up(plan):
    assert plan["minutes"] in (60, 75, 90)
    assert 3 <= len(plan["goals"]) <= 4
    assert plan["techniques"] and plan["summary"] and plan["materials"]
    assert sum(s["minutes"] for s in plan["outline"]) == plan["minutes"]
    plan_validate_outline(
        outline=plan["outline"],
        minutes=plan["minutes"],
        goals=plan["goals"],
        techniques=plan["techniques"],
        audience=plan["audience"],
    )
    assert "Opening" in plan["facilitator_guide"]


def test_installed_guides_say_when_to_refer_and_name_988(ridgeview):
    core_curriculum_install(institution=ridgeview)
    for plan in SessionPlan.objects.filter(institution=ridgeview):
        assert "988" in plan.facilitator_guide
        assert "counseling" in plan.facilitator_guide


def test_installing_twice_adds_each_plan_once(ridgeview):
    assert core_curriculum_install(institution=ridgeview) == len(CORE_PLANS)
    assert core_curriculum_install(institution=ridgeview) == 0
    assert SessionPlan.objects.filter(institution=ridgeview, version=1).count() == len(CORE_PLANS)


def test_install_keeps_a_plan_the_office_already_changed(ridgeview):
    core_curriculum_install(institution=ridgeview)
    SessionPlan.objects.filter(institution=ridgeview, key="gratitude").update(title="Our own")
    core_curriculum_install(institution=ridgeview)
    assert SessionPlan.objects.get(institution=ridgeview, key="gratitude").title == "Our own"


def test_the_command_installs_at_one_institution_or_all(ridgeview, lakeshore):
    out = StringIO()
    call_command("install_core_curriculum", "--institution", "ridgeview", stdout=out)
    assert f"{len(CORE_PLANS)} core plan(s) added" in out.getvalue()
    assert not SessionPlan.objects.filter(institution=lakeshore).exists()
    call_command("install_core_curriculum", stdout=StringIO())
    assert SessionPlan.objects.filter(institution=lakeshore).count() == len(CORE_PLANS)


def test_the_command_says_when_the_institution_is_unknown(db):
    with pytest.raises(CommandError, match="No institution has the slug “nowhere”"):
        call_command("install_core_curriculum", "--institution", "nowhere")
