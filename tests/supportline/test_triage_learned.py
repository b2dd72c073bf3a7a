"""The learned second screen: it only ever adds to the rules, loads offline, and refuses bad files."""

import json
import math
import re
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearpeer.supportline import triage
from nearpeer.supportline.triage import RISK_ORDER, Screening, combine, learned

LEVELS = ("low", "elevated", "high")

screenings = st.builds(
    Screening,
    risk=st.sampled_from(LEVELS),
    reasons=st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3).map(tuple),
    needs_human_review=st.booleans(),
)
texts = st.text(max_size=400) | st.lists(
    st.sampled_from(
        ["I want to die", "exam", "hopeless", "k1ll", "\u26b0\ufe0f", ".", "no", "quiero morir"]
    ),
    max_size=12,
).map(" ".join)


# --- combine ----------------------------------------------------------------------------------


@given(st.lists(screenings, min_size=1, max_size=4))
def test_combine_never_rates_below_any_screen(parts):
    joined = combine(*parts)
    assert RISK_ORDER[joined.risk] == max(RISK_ORDER[p.risk] for p in parts)
    assert joined.needs_human_review == any(p.needs_human_review for p in parts)


@given(st.lists(screenings, min_size=1, max_size=4))
def test_combine_keeps_every_reason_once_highest_risk_first(parts):
    reasons = combine(*parts).reasons
    assert len(reasons) == len(set(reasons))
    ordered = sorted(parts, key=lambda p: -RISK_ORDER[p.risk])  # stable: same risk keeps order
    assert list(reasons) == list(dict.fromkeys(r for p in ordered for r in p.reasons))


def test_combine_needs_a_screening():
    with pytest.raises(ValueError, match="at least one"):
        combine()


@given(texts)
def test_learned_screen_never_lowers_the_rules_rating(text):
    rules, alone, both = triage.rules_screen(text), learned.screen(text), triage.screen(text)
    assert RISK_ORDER[both.risk] >= RISK_ORDER[rules.risk]
    assert RISK_ORDER[both.risk] >= RISK_ORDER[alone.risk]
    assert set(rules.reasons) <= set(both.reasons)


@given(texts)
def test_learned_screen_asks_a_person_whenever_it_is_not_low(text):
    result = learned.screen(text)
    assert result.needs_human_review == (result.risk != "low")
    assert all("learned screen" in reason for reason in result.reasons)


# --- features -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("caf\u00e9 est\u00e1 ma\u00f1ana", "cafe esta manana"),
        ("I don\u2019t know", "I dont know"),
        ("I don't know", "I dont know"),
        ("I DON\u2018T KNOW", "i dont know"),
        ("k1ll mys3lf", "kill myself"),
        ("soooooo tired", "soo tired"),
        ("hello \u2026 world!!!", "hello . world."),
        ("\u00bfpor qu\u00e9?", "por que?"),
    ],
)
def test_features_are_the_same_for_spelling_variants(variant, plain):
    assert learned.features(variant) == learned.features(plain)


def test_numbers_with_units_are_not_read_as_leetspeak():
    assert learned.normalize("24h shift, 2nd year, 10mg").split() == [
        "24h",
        "shift",
        "2nd",
        "year",
        "10mg",
    ]


def test_meaningful_emoji_become_words_and_other_symbols_spaces():
    vector = learned.features("tired \u26b0\ufe0f\U0001f480 \u2728 ok")
    assert "w emoji_coffin" in vector and "w emoji_skull" in vector
    assert not any("\u2728" in key for key in vector)


def test_features_are_word_and_letter_ngrams_near_unit_length():
    vector = learned.features("I feel alone. So alone")
    assert {"w alone", "b feel alone", " al", "alon", "lone "} <= set(vector)
    assert "b i feel" in vector and "b alone so" not in vector  # pairs stay within a sentence
    assert math.isclose(sum(v * v for v in learned.features("one two three").values()), 1.0)


@given(texts)
def test_the_fast_score_of_one_sentence_is_the_score_of_its_features(text):
    # given a text with one sentence, where the whole text is its only window
    text = text.replace(".", " ").replace("!", " ").replace("?", " ").replace(";", " ")
    text = text.replace("\n", " ")
    model = learned.model()
    if len(learned.sentences(text)) != 1:
        return
    # when it is scored through the per-word cache, then it agrees with features()
    sums = [model.bias[0], model.bias[1]]
    for key, value in learned.features(text).items():
        for head in (0, 1):
            sums[head] += model.weights.get(key, (0.0, 0.0))[head] * value
    expected = tuple(1 / (1 + math.exp(-s)) for s in sums)
    assert model.scores(text) == pytest.approx(expected, rel=1e-9, abs=1e-12)


# --- the model file -----------------------------------------------------------------------------


def test_the_packaged_model_is_small_sorted_and_valid():
    raw = learned.MODEL_PATH.read_text(encoding="utf-8")
    assert len(raw.encode()) < 1_000_000
    data = json.loads(raw)
    assert list(data["weights"]) == sorted(data["weights"])
    model = learned.model_from_dict(data)
    assert 0 < model.t_unsure <= model.t_high < 1


def test_the_model_loads_and_scores_with_the_network_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the learned screen must not use the network")

    # given no network at all
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    learned.model.cache_clear()
    try:
        # when the model is loaded afresh and a text is screened
        result = learned.screen("I have not slept and I feel like a burden to everyone")
    finally:
        learned.model.cache_clear()
    # then it answers
    assert result.risk in LEVELS


def good_model() -> dict:
    return {
        "format": learned.FORMAT_VERSION,
        "features": learned.FEATURE_SETTINGS,
        "weights": {"w die": [10.0, 10.0]},
        "bias": [-1.0, -1.0],
        "thresholds": {"high": 0.8, "unsure": 0.5, "elevated": 0.6},
    }


def broken(change):
    data = good_model()
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "JSON object"),
        (broken(lambda d: d.update(format=99)), "format 99"),
        (broken(lambda d: d.update(features={"char_ngrams": [2, 6]})), "feature settings"),
        (broken(lambda d: d["weights"].update({"w x": ["a", 1]})), "finite number"),
        (broken(lambda d: d["weights"].update({"w x": [1.0]})), "two numbers"),
        (broken(lambda d: d.update(weights={})), "'weights'"),
        (broken(lambda d: d.update(bias=[1.0])), "'bias'"),
        (broken(lambda d: d["thresholds"].update(high=1.5)), "between 0 and 1"),
        (broken(lambda d: d["thresholds"].pop("elevated")), "threshold 'elevated'"),
        (broken(lambda d: d["thresholds"].update(unsure=0.9)), "'unsure' must not be above"),
        (json.dumps(good_model()).replace("10.0", "NaN", 1), "finite number"),
    ],
)
def test_a_malformed_model_file_is_refused_naming_the_file_and_the_problem(
    tmp_path, text, complaint
):
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(learned.ModelFileError) as refused:
        learned.load_model(path)
    assert str(path) in str(refused.value)
    assert complaint in str(refused.value)


def test_a_missing_model_file_says_how_to_make_one(tmp_path):
    with pytest.raises(learned.ModelFileError, match="missing.*triage_train"):
        learned.load_model(tmp_path / "model.json")


def test_a_valid_model_file_rates_with_its_thresholds(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(good_model()), encoding="utf-8")
    model = learned.load_model(path)
    assert learned.screen_with(model, "exam").risk == "low"
    result = learned.screen_with(model, "die")
    assert result.risk == "high"
    (reason,) = result.reasons
    assert re.fullmatch(
        r"worded like messages from people at risk \(learned screen, 0\.9\d\)",
        reason,
    )


# --- training -----------------------------------------------------------------------------------

SMALL_CORPUS = [
    ("I want to kill myself", "high"),
    ("quiero morir, ya no aguanto", "high"),
    ("everyone would be better off without me", "high"),
    ("I have pills saved up for tonight", "high"),
    ("my partner hit me again and I am scared to go home", "high"),
    ("I can't stop crying and nothing helps", "elevated"),
    ("me siento sola todo el tiempo", "elevated"),
    ("I have not eaten in days and feel hopeless", "elevated"),
    ("panic attacks every night this week", "elevated"),
    ("I feel empty and numb most days", "elevated"),
    ("stressed about my anatomy exam", "low"),
    ("can we talk about switching rotations", "low"),
    ("this exam is killing me lol", "low"),
    ("we discussed suicide risk screening in our psychiatry lecture", "low"),
    ("tengo examen manana y estoy nerviosa", "low"),
    ("my roommate keeps leaving dishes out", "low"),
    ("I would die for a coffee right now", "low"),
    ("looking for a study group for boards", "low"),
]


def small_corpus(tmp_path):
    path = tmp_path / "train.jsonl"
    lines = [
        json.dumps({"id": f"t{n:03d}", "text": text, "label": label, "kind": "k", "lang": "en"})
        for n, (text, label) in enumerate(SMALL_CORPUS * 2)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_twice_on_the_same_corpus_gives_the_same_bytes(tmp_path):
    pytest.importorskip("sklearn")
    from nearpeer.supportline.triage import training

    # given a small corpus, read in two different orders
    rows = training.read_corpus([small_corpus(tmp_path)])
    # when it is trained twice
    first, _ = training.train(rows)
    second, report = training.train(list(reversed(rows)))
    # then the model files are identical, and the file loads
    assert training.dumps(first) == training.dumps(second)
    model = learned.model_from_dict(json.loads(training.dumps(first)))
    assert report.counts == {"high": 10, "elevated": 10, "low": 16}
    assert learned.screen_with(model, "I want to kill myself").risk != "low"


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("not json", "not a JSON object"),
        ('{"id": "a", "text": "hi"}', "'label' must be a non-empty string"),
        ('{"id": "a", "text": "hi", "label": "medium"}', "is not high, elevated or low"),
    ],
)
def test_a_bad_corpus_line_is_refused_with_its_place(tmp_path, line, complaint):
    from nearpeer.supportline.triage import training

    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(training.CorpusError, match=complaint) as refused:
        training.read_corpus([path])
    assert f"{path}:1" in str(refused.value)


def test_the_heldout_quarter_is_chosen_by_the_ids_hash():
    from nearpeer.supportline.triage import training

    ids = [f"row-{n}" for n in range(400)]
    held = [i for i in ids if training.in_heldout_quarter(i)]
    assert 70 < len(held) < 130  # about a quarter
    assert training.in_heldout_quarter("row-1") == training.in_heldout_quarter("row-1")


def test_training_without_scikit_learn_says_how_to_get_it(monkeypatch, tmp_path):
    import sys

    from nearpeer.supportline.triage import training

    for name in [m for m in sys.modules if m == "sklearn" or m.startswith("sklearn.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "sklearn", None)
    rows = training.read_corpus([small_corpus(tmp_path)])
    with pytest.raises(RuntimeError, match=r"scikit-learn.*dev extras"):
        training.train(rows)


def test_the_train_command_writes_a_model_the_screen_can_load(tmp_path):
    pytest.importorskip("sklearn")
    from io import StringIO

    from django.core.management import call_command

    out, printed = tmp_path / "model.json", StringIO()
    call_command(
        "triage_train", corpus=[small_corpus(tmp_path)], out=out, alone=True, stdout=printed
    )
    assert learned.load_model(out).t_unsure <= learned.load_model(out).t_high
    assert "thresholds: high" in printed.getvalue()
    assert f"wrote {out}" in printed.getvalue()


def test_the_train_command_refuses_a_missing_corpus(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="no such corpus file"):
        call_command("triage_train", corpus=[tmp_path / "nope.jsonl"], out=tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()
