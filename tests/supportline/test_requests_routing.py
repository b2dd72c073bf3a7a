"""The pure routing rule (property tests with hypothesis), and routing through the service."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearpeer.supportline.rules import routing
from nearpeer.supportline.rules.routing import Mentor, Need, choose, rank
from tests.supportline.conftest import make_mentor, put_on_call

T0 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)

genders = st.sampled_from(["", "woman", "man", "nonbinary", "Female"])
languages = st.lists(st.sampled_from(["English", "Spanish", "Hindi", "es"]), max_size=3)
stages = st.sampled_from(["", "PGY-1", "PGY-2", "PGY-4", "MS1", "MS3", "PhD year 2"])


@st.composite
def mentors(draw):
    ids = draw(st.lists(st.integers(1, 60), min_size=0, max_size=8, unique=True))
    return [
        Mentor(
            id=i,
            gender=draw(genders),
            languages=tuple(draw(languages)),
            stage=draw(stages),
            program_ids=frozenset(draw(st.sets(st.integers(1, 3), max_size=2))),
            cohort_ids=frozenset(draw(st.sets(st.integers(1, 3), max_size=2))),
            active_requests=draw(st.integers(0, 4)),
            last_assigned_at=draw(
                st.none() | st.integers(0, 500).map(lambda m: T0 - datetime.timedelta(minutes=m))
            ),
        )
        for i in ids
    ]


@st.composite
def needs(draw, pool):
    return Need(
        gender=draw(genders),
        language=draw(st.sampled_from(["", "Spanish", "Hindi", "English"])),
        avoid_program_id=draw(st.none() | st.integers(1, 3)),
        avoid_cohort_id=draw(st.none() | st.integers(1, 3)),
        stage=draw(stages),
        excluded=frozenset(draw(st.sets(st.sampled_from([m.id for m in pool] or [0])))),
    )


@given(st.data())
def test_a_mentor_who_passed_is_never_chosen_and_someone_is_chosen_while_anyone_is_left(data):
    pool = data.draw(mentors())
    need = data.draw(needs(pool))
    chosen = choose(need, pool)
    eligible = [m for m in pool if m.id not in need.excluded]
    assert (chosen is None) == (not eligible)
    if chosen:
        assert chosen.id not in need.excluded


@given(st.data())
def test_the_answer_does_not_depend_on_input_order(data):
    pool = data.draw(mentors())
    need = data.draw(needs(pool))
    shuffled = data.draw(st.permutations(pool))
    assert rank(need, pool) == rank(need, shuffled)


@given(st.data())
def test_stated_preferences_come_first(data):
    pool = data.draw(mentors())
    need = data.draw(needs(pool))
    chosen = choose(need, pool)
    if chosen is None:
        return
    best = min(routing.unmet_preferences(need, m) for m in pool if m.id not in need.excluded)
    assert routing.unmet_preferences(need, chosen) == best


@given(st.data())
def test_among_equal_preferences_the_requesters_program_and_cohort_are_avoided(data):
    pool = data.draw(mentors())
    need = data.draw(needs(pool))
    chosen = choose(need, pool)
    if chosen is None:
        return
    same_prefs = [
        m
        for m in pool
        if m.id not in need.excluded
        and routing.unmet_preferences(need, m) == routing.unmet_preferences(need, chosen)
    ]
    assert routing.too_close(need, chosen) == min(routing.too_close(need, m) for m in same_prefs)


def test_preference_beats_program_which_beats_stage_which_beats_load():
    need = Need(gender="woman", avoid_program_id=1, stage="PGY-2")
    man_far_program = Mentor(id=1, gender="man", program_ids=frozenset({2}), stage="PGY-2")
    woman_same_program = Mentor(id=2, gender="woman", program_ids=frozenset({1}), stage="PGY-2")
    woman_other_program_far_stage = Mentor(
        id=3, gender="Female", program_ids=frozenset({2}), stage="MS1"
    )
    woman_other_program_near_stage_busy = Mentor(
        id=4, gender="woman", program_ids=frozenset({2}), stage="PGY-3", active_requests=3
    )
    order = rank(
        need,
        [
            man_far_program,
            woman_same_program,
            woman_other_program_far_stage,
            woman_other_program_near_stage_busy,
        ],
    )
    assert [m.id for m in order] == [4, 3, 2, 1]


def test_lightest_load_then_longest_since_last_assignment():
    need = Need()
    busy = Mentor(id=1, active_requests=2)
    recent = Mentor(id=2, active_requests=0, last_assigned_at=T0)
    earlier = Mentor(id=3, active_requests=0, last_assigned_at=T0 - datetime.timedelta(hours=2))
    never = Mentor(id=4, active_requests=0)
    assert [m.id for m in rank(need, [busy, recent, earlier, never])] == [4, 3, 2, 1]


def test_language_matches_names_and_codes():
    need = Need(language="es")
    assert (
        choose(
            need, [Mentor(id=1, languages=("English",)), Mentor(id=2, languages=("Spanish",))]
        ).id
        == 2
    )


def test_stage_reading():
    assert routing.stage_of("PGY-2") == ("residency", 2)
    assert routing.stage_of("MS3") == ("medical", 3)
    assert routing.stage_distance("PGY-1", "PGY-2") == 1
    assert routing.stage_distance("PGY-1", "MS2") == routing.OTHER_TRACK_DISTANCE


# --- Through the service -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_requester_who_asks_for_a_spanish_speaker_outside_their_program_gets_one(
    line, program, other_program, backup, trainee, submit_request
):
    line.programs.add(other_program)
    same_program = make_mentor(line, program, email="a@ridgeview.example", languages=["Spanish"])
    english_only = make_mentor(line, other_program, email="b@ridgeview.example")
    match = make_mentor(line, other_program, email="c@ridgeview.example", languages=["Spanish"])
    for person in (same_program, english_only, match):
        put_on_call(line, person, backup)

    request = submit_request(
        requester=trainee,
        anonymous=True,
        self_harm_answer=False,
        danger_answer=False,
        preferences={"language": "spanish", "not_my_program": True},
    ).request

    assert request.mentor == match


@pytest.mark.django_db
def test_requests_are_spread_by_load(line, program, backup, submit_request, mentor):
    second = make_mentor(line, program, email="second@ridgeview.example")
    put_on_call(line, second, backup)
    first = submit_request(self_harm_answer=False, danger_answer=False).request
    after = submit_request(self_harm_answer=False, danger_answer=False).request
    assert {first.mentor, after.mentor} == {mentor, second}
