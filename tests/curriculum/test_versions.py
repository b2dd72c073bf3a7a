"""Core plan versions and programs' own copies: publishing never touches a copy; taking the newer
version is the program's explicit choice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nearpeer.curriculum import selectors, services
from nearpeer.curriculum.models import ProgramPlan, SessionPlan
from tests.curriculum.conftest import codes, content


def publish_v2(office_admin, ridgeview, plan: SessionPlan, **changes) -> SessionPlan:
    data = {**services.plan_content(plan), **changes}
    return services.session_plan_publish(
        by=office_admin, institution=ridgeview, key=plan.key, **data
    )


def test_office_publishes_a_new_plan_as_version_1_with_a_key_from_its_title(
    office_admin, ridgeview
):
    plan = services.session_plan_publish(by=office_admin, institution=ridgeview, **content())
    assert (plan.key, plan.version, plan.published_by) == (
        "hope-in-hard-rotations",
        1,
        office_admin,
    )
    again = services.session_plan_publish(by=office_admin, institution=ridgeview, **content())
    assert again.key == "hope-in-hard-rotations-2"


def test_a_new_version_gets_the_next_number(office_admin, ridgeview, core):
    v2 = publish_v2(office_admin, ridgeview, core["gratitude"], title="Gratitude, revised")
    v3 = publish_v2(office_admin, ridgeview, v2)
    assert (v2.version, v3.version) == (2, 3)
    assert v2.key == v3.key == "gratitude"


def test_publishing_refuses_an_outline_that_does_not_add_up_and_saves_nothing(
    office_admin, ridgeview
):
    bad = content(minutes=75)
    with pytest.raises(ValidationError) as caught:
        services.session_plan_publish(by=office_admin, institution=ridgeview, **bad)
    assert caught.value.message_dict["outline"] == [
        "The segments add up to 60 minutes, but the plan is 75 minutes long."
    ]
    assert not SessionPlan.objects.exists()


def test_publishing_refuses_fields_that_are_not_content(office_admin, ridgeview):
    # The signature names every content field, so anything else is refused before it runs.
    with pytest.raises(TypeError, match="institution_id"):
        services.session_plan_publish(
            by=office_admin, institution=ridgeview, institution_id=99, **content()
        )


def test_publishing_v2_leaves_program_copies_untouched_and_flags_the_newer_version(
    office_admin, coordinator, program, ridgeview, core
):
    # given a program's customised copy of version 1
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    services.program_plan_update(by=coordinator, plan=copy, title="Gratitude on nights")
    before = services.plan_content(ProgramPlan.objects.get(pk=copy.pk))
    # when the office publishes version 2
    v2 = publish_v2(office_admin, ridgeview, core["gratitude"], summary="A new summary.")
    # then the copy is as it was, still based on version 1, and a newer version is flagged
    copy = selectors.program_plan_for_user(coordinator, copy.pk)
    assert services.plan_content(copy) == before
    assert copy.based_on_id == core["gratitude"].pk
    assert copy.newer_core_version == v2.version == 2


def test_a_copy_of_the_newest_version_has_no_newer_version(coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["belonging"]
    )
    assert selectors.program_plan_for_user(coordinator, copy.pk).newer_core_version is None


def test_taking_the_newer_version_replaces_content_and_repoints_the_lineage(
    office_admin, coordinator, program, ridgeview, core
):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    services.program_plan_update(by=coordinator, plan=copy, title="Our gratitude session")
    v2 = publish_v2(office_admin, ridgeview, core["gratitude"], summary="Revised by the office.")

    services.program_plan_take_newer_core(by=coordinator, plan=copy)

    copy = selectors.program_plan_for_user(coordinator, copy.pk)
    assert copy.based_on_id == v2.pk
    assert (copy.title, copy.summary) == (v2.title, "Revised by the office.")
    assert copy.newer_core_version is None
    assert copy.updated_by == coordinator


def test_taking_the_newer_version_when_there_is_none_is_refused(coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    with pytest.raises(ValidationError) as caught:
        services.program_plan_take_newer_core(by=coordinator, plan=copy)
    assert "up_to_date" in codes(caught.value)


def test_a_program_copies_each_core_plan_once(coordinator, program, core):
    services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["grief-and-loss"]
    )
    with pytest.raises(ValidationError) as caught:
        services.program_plan_customize(
            by=coordinator, program=program, session_plan=core["grief-and-loss"]
        )
    assert "already_customized" in codes(caught.value)


def test_editing_a_copy_validates_the_whole_plan_and_changes_nothing_on_error(
    coordinator, program, core
):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    with pytest.raises(ValidationError) as caught:
        services.program_plan_update(by=coordinator, plan=copy, minutes=90, title="Longer")
    assert "add up to 60 minutes, but the plan is 90" in caught.value.message_dict["outline"][0]
    copy.refresh_from_db()
    assert (copy.title, copy.minutes) == (core["gratitude"].title, 60)


def test_the_diff_shows_what_the_program_changed_and_what_the_newer_version_changes(
    office_admin, coordinator, program, ridgeview, core
):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    services.program_plan_update(by=coordinator, plan=copy, title="Gratitude on nights")
    publish_v2(office_admin, ridgeview, core["gratitude"], materials="Cards only.")

    diffs = selectors.program_plan_diffs(selectors.program_plan_for_user(coordinator, copy.pk))

    assert [d.name for d in diffs["vs_base"] if d.changed] == ["title"]
    assert {d.name for d in diffs["vs_newest"] if d.changed} == {"title", "materials"}
    assert diffs["newest"].version == 2


def test_the_list_shows_only_the_newest_non_retired_version(office_admin, ridgeview, core, trainee):
    v2 = publish_v2(office_admin, ridgeview, core["gratitude"], title="Gratitude v2")
    shown = list(selectors.core_plans_visible(trainee))
    assert v2 in shown and core["gratitude"] not in shown
    assert len(shown) == len(core)
    SessionPlan.objects.filter(pk=v2.pk).update(is_retired=True)
    assert core["gratitude"] in selectors.core_plans_visible(trainee)


def test_core_plans_filter_by_technique_and_audience(trainee, core):
    mindful = set(selectors.core_plans_visible(trainee, technique="mindfulness"))
    assert mindful == {p for p in core.values() if "mindfulness" in p.techniques}
    graduate = set(selectors.core_plans_visible(trainee, audience="graduate"))
    assert core["sleep-and-shifts"] not in graduate  # residents and fellows only
    assert core["gratitude"] in graduate  # suits every kind
    assert core["exams-and-pressure"] in graduate


# --- who may do what ---------------------------------------------------------------------------


def test_a_trainee_cannot_publish_or_customize(trainee, program, ridgeview, core):
    with pytest.raises(PermissionDenied):
        services.session_plan_publish(by=trainee, institution=ridgeview, **content())
    with pytest.raises(PermissionDenied):
        services.program_plan_customize(by=trainee, program=program, session_plan=core["gratitude"])
    assert not ProgramPlan.objects.exists()


def test_program_staff_cannot_publish_core_plans(coordinator, ridgeview):
    with pytest.raises(PermissionDenied):
        services.session_plan_publish(by=coordinator, institution=ridgeview, **content())


def test_a_coordinator_customizes_only_their_own_program(
    coordinator, director, program, other_program, core
):
    with pytest.raises(PermissionDenied):
        services.program_plan_customize(
            by=coordinator, program=other_program, session_plan=core["gratitude"]
        )
    theirs = services.program_plan_customize(
        by=director, program=other_program, session_plan=core["gratitude"]
    )
    with pytest.raises(PermissionDenied):
        services.program_plan_update(by=coordinator, plan=theirs, title="Mine now")


def test_a_program_cannot_copy_another_institutions_plan(outsider, foreign_program, core):
    with pytest.raises(ValidationError):
        services.program_plan_customize(
            by=outsider, program=foreign_program, session_plan=core["gratitude"]
        )
