"""The support line's rules screen: a labelled table of phrases, then properties that must hold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearpeer.supportline.triage import (
    Screening,
    assess,
    normalize,
    phrases,
    raise_only,
    screen_every_rule,
)
from nearpeer.supportline.triage import rules_screen as screen

HIGH, ELEVATED, LOW = "high", "elevated", "low"

# (text, expected risk, a reason that must be among the reasons or "" for none)
LABELLED = [
    # direct
    ("I want to kill myself", HIGH, "mentions ending their life"),
    ("I've been thinking about suicide a lot", HIGH, "speaks of suicide as their own"),
    ("I want to end my life", HIGH, "mentions ending their life"),
    ("I cut myself last night", HIGH, "mentions self-harm"),
    ("honestly I just want to die", HIGH, "mentions ending their life"),
    ("I wish I was dead", HIGH, "mentions ending their life"),
    ("I'm going to end it all this weekend", HIGH, "mentions ending their life"),
    ("I feel suicidal again", HIGH, "mentions suicidal thoughts"),
    ("I keep hurting myself when it gets bad", HIGH, "mentions self-harm"),
    ("thinking about taking my own life", HIGH, "mentions ending their life"),
    # indirect
    ("Everyone would be better off without me", HIGH, "talks indirectly"),
    ("I don't see the point in going on", HIGH, "talks indirectly"),
    ("Don't worry, I won't be a problem much longer", HIGH, "talks indirectly"),
    ("I've been giving my things away to friends", HIGH, "giving things away"),
    ("I just want to sleep and not wake up", HIGH, "talks indirectly"),
    ("I can't do this anymore", HIGH, "talks indirectly"),
    ("I wrote a note for my family", HIGH, "goodbye note"),
    ("there is no reason to live", HIGH, "talks indirectly"),
    ("I have nothing left to live for", HIGH, "talks indirectly"),
    ("I'm tired of living", HIGH, "talks indirectly"),
    ("I wish I had never been born", HIGH, "talks indirectly"),
    ("nobody would notice if I disappeared", HIGH, "talks indirectly"),
    ("I don't want to be alive", HIGH, "talks indirectly"),
    ("not sure I want to live anymore", HIGH, "talks indirectly"),
    # means and plans
    ("I've been stockpiling pills", HIGH, "plan or a means"),
    ("I bought a rope yesterday", HIGH, "plan or a means"),
    ("I looked up how many it would take", HIGH, "plan or a means"),
    ("I took a bunch of my pills", HIGH, "plan or a means"),
    ("I keep thinking I could jump off the bridge near campus", HIGH, "plan or a means"),
    ("what is a lethal dose of tylenol", HIGH, "a means or a place"),
    # violence, partner violence, danger, harming others
    ("he hits me when he drinks", HIGH, "hurt or threatened by someone"),
    ("My partner threatened me last night", HIGH, "hurt by a partner"),
    ("I'm afraid to go home", HIGH, "in danger or afraid to go home"),
    ("he choked me during a fight", HIGH, "hurt or threatened by someone"),
    ("I want to hurt him so badly", HIGH, "harm someone else"),
    ("my boyfriend keeps hitting me", HIGH, "hurt by a partner"),
    ("my girlfriend slapped me", HIGH, "hurt by a partner"),
    ("I was raped at a party", HIGH, "hurt or threatened by someone"),
    ("she said she'd kill me if I tell anyone", HIGH, "hurt or threatened by someone"),
    ("I don't feel safe at home", HIGH, "in danger"),
    ("I'm scared of my husband", HIGH, "in danger"),
    ("I'm in an abusive relationship", HIGH, "hurt by a partner"),
    ("I'm going to kill my roommate", HIGH, "harm someone else"),
    ("someone is stalking me", HIGH, "in danger"),
    # slang and abbreviations
    ("kms", HIGH, "slang for ending their life"),
    ("lol kys", HIGH, "kys"),
    ("i want to unalive myself", HIGH, "ending their life"),
    ("thinking about sewerslide", HIGH, "suicidal"),
    ("gonna ctb", HIGH, "slang"),
    ("want to die lol", HIGH, "ending their life"),
    ("i'm so done", ELEVATED, "so done"),
    ("relapsed on SH last week", HIGH, "self-harm"),
    ("i might od tonight", HIGH, "plan or a means"),
    ("thinking about an overdose", HIGH, "a way to end their life"),
    ("kill urself", HIGH, "kys"),
    # typos, case, leetspeak, stretched letters
    ("thinking about sucide", HIGH, "suicide"),
    ("I've had suicdie thoughts", HIGH, "suicide"),
    ("i want to kil myself", HIGH, "ending their life"),
    ("i want to diiie", HIGH, "ending their life"),
    ("I WANT TO KILL MYSELF", HIGH, "ending their life"),
    ("i want to k1ll mys3lf", HIGH, "ending their life"),
    ("SU1C1D3", HIGH, "suicide"),
    ("I want to kill myslef", HIGH, "ending their life"),
    ("feeling suicidial", HIGH, "suicidal"),
    ("I w-a-n-t... to die", LOW, ""),  # a limit: letters split apart are not read
    # negations are checked by a person, never silently low
    ("I'm not suicidal", ELEVATED, "negated mention of suicide: needs a person to check"),
    ("never thought about killing myself", ELEVATED, "negated mention of ending their life"),
    ("I don't want to die", ELEVATED, "negated mention"),
    ("I would never hurt myself", ELEVATED, "negated mention of self-harm"),
    ("he doesn't hit me", ELEVATED, "negated mention of violence"),
    ("no suicidal thoughts, just stressed", ELEVATED, "negated mention of suicide"),
    # ... but a negation that negates something else does not hide a risk
    ("I'm not okay and I want to die", HIGH, "ending their life"),
    ("I can't stop thinking about killing myself", HIGH, "ending their life"),
    ("why not just kill myself", HIGH, "ending their life"),
    ("I don't know why I want to die", HIGH, "ending their life"),
    # innocent idioms stay low
    ("this exam is killing me", LOW, ""),
    ("I'd die for a coffee right now", LOW, ""),
    ("killed it on my presentation", LOW, ""),
    ("dead tired after call", LOW, ""),
    ("I'm dying to see my family over break", LOW, ""),
    ("my parents are going to kill me if I fail", LOW, ""),
    ("bored to death in lecture", LOW, ""),
    ("can you hit me up after class", LOW, ""),
    ("I cut myself some slack this week", LOW, ""),
    ("I could die of embarrassment", LOW, ""),
    ("I'm willing to help with the DEI training", LOW, ""),
    ("I'm killing myself studying for boards", LOW, ""),
    ("my attending pushed me to present", LOW, ""),
    # but an idiom next to a real risk is high
    ("this exam is killing me and I want to die", HIGH, "ending their life"),
    # elevated: distress without intent
    ("I feel hopeless", ELEVATED, "hopelessness"),
    ("nothing matters anymore", ELEVATED, "hopelessness"),
    ("I can't stop crying", ELEVATED, "intense distress"),
    ("panic attacks every night", ELEVATED, "intense distress"),
    ("I haven't eaten in days", ELEVATED, "not been eating or sleeping"),
    ("I feel worthless", ELEVATED, "worthless"),
    ("I feel so alone", ELEVATED, "alone"),
    ("I'm drinking every night to cope", ELEVATED, "alcohol or drugs"),
    ("I feel numb", ELEVATED, "numb"),
    ("my landlord kicked me out", ELEVATED, "safe place to stay"),
    ("he checks my phone and controls my money", ELEVATED, "controlling"),
    ("I want to disappear", ELEVATED, "disappear"),
    # ordinary requests
    ("I'm stressed about my anatomy exam", LOW, ""),
    ("I feel like an imposter in my cohort", LOW, ""),
    ("I miss home a lot", LOW, ""),
    ("my roommate and I keep fighting about chores", LOW, ""),
    ("everyone looks fine and I'm paddling like crazy (duck syndrome)", LOW, ""),
    ("", LOW, ""),
]


@pytest.mark.parametrize(("text", "risk", "reason"), LABELLED, ids=[t[:40] for t, _, _ in LABELLED])
def test_labelled_phrase_gets_its_risk_and_reason(text, risk, reason):
    result = screen(text)
    assert result.risk == risk, result
    if reason:
        assert any(reason in r for r in result.reasons), result.reasons
    else:
        assert result.reasons == ()


def test_table_covers_at_least_eighty_phrases_in_every_category():
    assert len(LABELLED) >= 80
    assert {risk for _, risk, _ in LABELLED} == {HIGH, ELEVATED, LOW}


def test_high_risk_and_negations_always_ask_for_a_person():
    assert screen("I want to kill myself").needs_human_review
    assert screen("I'm not suicidal").needs_human_review


def test_plain_distress_and_ordinary_requests_do_not_ask_for_a_check():
    assert not screen("I feel hopeless").needs_human_review
    assert screen("exam stress") == Screening(risk="low", reasons=(), needs_human_review=False)


def test_partner_reason_replaces_the_general_violence_reason():
    reasons = screen("my husband hit me").reasons
    assert reasons == ("mentions being hurt by a partner",)


def test_reasons_put_high_risk_first():
    reasons = screen("I feel hopeless and I want to die").reasons
    assert reasons == ("mentions ending their life", "expresses hopelessness")


def test_normalize_reads_case_accents_leetspeak_and_stretched_letters():
    assert normalize("I’m SOOOO t1red, Can’t   sleep!!") == "im soo tired . cant sleep . ."
    assert normalize("Café") == "cafe"


# --- assess: the two explicit questions --------------------------------------------------------


def test_yes_to_self_harm_question_is_high_even_with_calm_text():
    result = assess(self_harm_answer=True, danger_answer=False, text="exam stress")
    assert result.risk == "high"
    assert result.needs_human_review
    assert "answered yes: thoughts of harming themselves or ending their life" in result.reasons


def test_yes_to_danger_question_is_high():
    result = assess(self_harm_answer=False, danger_answer=True, text="")
    assert result.risk == "high"
    assert result.reasons[0] == "answered yes: in danger from someone now"


def test_no_to_both_questions_keeps_the_text_screen():
    assert assess(self_harm_answer=False, danger_answer=False, text="I feel hopeless").risk == (
        "elevated"
    )
    calm = assess(self_harm_answer=False, danger_answer=False, text="exam stress")
    assert calm == Screening(risk="low", reasons=(), needs_human_review=False)


def test_no_answers_cannot_lower_a_risky_text_and_the_mismatch_is_flagged():
    result = assess(self_harm_answer=False, danger_answer=False, text="I want to die")
    assert result.risk == "high"
    assert any("answered no to both questions" in r for r in result.reasons)


def test_rather_not_say_is_elevated_and_asks_a_person_to_check():
    result = assess(self_harm_answer=None, danger_answer=None, text="exam stress")
    assert result.risk == "elevated"
    assert result.needs_human_review
    assert len(result.reasons) == 2


def test_raise_only_refuses_unknown_levels():
    with pytest.raises(ValueError, match="unknown risk level 'medium'"):
        raise_only("low", "medium")


# --- properties ----------------------------------------------------------------------------------

LEVELS = st.sampled_from(["low", "elevated", "high"])
WORDS = st.sampled_from(
    str.split(
        "i me my he she partner want to kill myself die not never dont hopeless exam is killing "
        "and but the note pills rope hit hits threatened afraid go home sleep wake up no reason live "
        "so done im lol kms kys sh od cut self harm hurt him her better off without can't anymore "
        ". , ! ? crying panic attacks alone for a coffee dying embarrassment death"
    )
)
PHRASE_TEXT = st.lists(WORDS, max_size=25).map(" ".join)
# "SU1C1D3" alone is high, but the bare word inside other talk is a topic until the writer speaks of
# themselves (it is then elevated, with a person asked to check): not a phrase for this property.
HIGH_PHRASES = st.sampled_from([t for t, risk, _ in LABELLED if risk == HIGH and t != "SU1C1D3"])


@given(st.text())
def test_screen_never_raises_on_any_text(text):
    assert screen(text).risk in ("low", "elevated", "high")


@given(st.text() | PHRASE_TEXT)
def test_screen_is_deterministic(text):
    assert screen(text) == screen(text)


@settings(max_examples=300)
@given(PHRASE_TEXT, HIGH_PHRASES, PHRASE_TEXT)
def test_adding_a_high_risk_sentence_to_any_text_makes_it_high(before, phrase, after):
    assert screen(f"{before}. {phrase}. {after}").risk == "high"


@given(PHRASE_TEXT, PHRASE_TEXT)
def test_adding_text_in_its_own_sentence_never_lowers_risk(first, second):
    alone = screen(first).risk
    combined = screen(f"{first}. {second}").risk
    assert raise_only(alone, combined) == combined


@given(st.text() | PHRASE_TEXT)
def test_case_does_not_matter(text):
    assert screen(text.upper()) == screen(text.lower())


@settings(max_examples=500)
@given(PHRASE_TEXT)
def test_anchor_words_never_skip_a_phrase_that_would_match(text):
    # screen() only tries phrases whose anchor words occur; trying all must give the same answer
    assert screen(text) == screen_every_rule(text)


def test_anchor_words_agree_with_trying_every_phrase_on_the_table():
    for text, _, _ in LABELLED:
        assert screen(text) == screen_every_rule(text), text


@given(LEVELS, LEVELS)
def test_raise_only_never_lowers(current, proposed):
    order = ["low", "elevated", "high"]
    result = raise_only(current, proposed)
    assert order.index(result) == max(order.index(current), order.index(proposed))


def test_every_rule_has_phrases_and_a_plain_reason():
    for rule in phrases.RULES:
        assert rule.phrases
        assert rule.reason and rule.reason == rule.reason.strip()


@pytest.mark.parametrize(
    "word", ["willing", "filling", "cooked", "ill", "homeless", "dei", "dad", "arm", "choke"]
)
def test_real_words_one_letter_from_a_key_term_are_not_read_as_typos(word):
    assert normalize(word) == word


def test_one_letter_typos_of_key_terms_are_read_as_the_term():
    assert normalize("sucide suicdie kil myslef hopeles threatend") == (
        "suicide suicide kill myself hopeless threatened"
    )
