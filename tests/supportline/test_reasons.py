"""The triage engine's reasons in plain words (a pure presenter)."""

from hypothesis import given
from hypothesis import strategies as st

from nearpeer.supportline.rules.reasons import plain_part, plain_reason


def test_an_unanswered_question_reads_as_a_gentle_check_in():
    engine = "chose not to answer the question about thoughts of self-harm: a person should check"
    assert plain_part(engine + " in gently") == (
        "chose not to answer the question about thoughts of self-harm: please check in gently"
    )
    assert plain_part("did not answer the question about being in danger: a person should ask") == (
        "chose not to answer the question about being in danger: please check in gently"
    )


def test_a_negated_mention_is_said_plainly():
    assert plain_part("negated mention of suicide: needs a person to check") == (
        "wrote about suicide while saying it isn't so: please check in gently"
    )


def test_a_stored_change_reason_keeps_its_parts_and_says_when():
    stored = "triage on arrival: answered yes: in danger from someone now; expresses hopelessness"
    assert plain_reason(stored) == (
        "When they reached out: answered yes: in danger from someone now; expresses hopelessness"
    )


def test_a_person_s_own_reason_is_kept_as_written():
    assert plain_reason("Sounds unsafe") == "Sounds unsafe"


@given(st.text(alphabet=st.characters(exclude_characters=";"), max_size=80))
def test_no_engine_jargon_reaches_people(topic):
    shown = plain_reason(f"a later message: negated mention of {topic}: needs a person to check")
    assert "negated mention" not in shown.lower() or "negated mention" in topic.lower()
