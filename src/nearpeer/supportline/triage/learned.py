"""The learned second screen: two logistic heads over word and character n-grams.

It sits beside the rules screen and can only add to it (see screening.combine): wording the phrase
lists never spelled out can still be rated elevated or high. Pure Python at run time: the weights
are read once from model.json beside this file (plain JSON, never pickle, never the network), and
training.py writes that file with scikit-learn. `features()` is the one definition of what the model
sees, shared by training and scoring so the two cannot drift.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from nearpeer.supportline.triage import frames
from nearpeer.supportline.triage.screening import Risk, Screening

MODEL_PATH = Path(__file__).with_name("model.json")
FORMAT_VERSION = 1
# What the model was trained on; a model file made with other settings is refused.
FEATURE_SETTINGS: dict[str, object] = {
    "normalizer": 1,  # bump when _tokens() changes what it produces
    "word_ngrams": [1, 2],
    "char_ngrams": [3, 5],
    "weighting": "counts / sqrt(total count)",
    "windows": "whole message and each run of one or two sentences",
    "concepts": "the rules' frame concepts of each sentence, alone and in pairs",
}

# Emoji that carry meaning in a support request become word tokens; other symbols become spaces.
EMOJI_WORDS: dict[str, str] = {
    "\u26b0": "coffin",
    "\U0001faa6": "headstone",
    "\U0001f480": "skull",
    "\u2620": "skull",
    "\U0001f52a": "knife",
    "\U0001f5e1": "knife",
    "\U0001fa92": "razor",
    "\U0001f52b": "gun",
    "\U0001f48a": "pill",
    "\U0001fa78": "blood",
    "\U0001faa2": "rope",
    "\U0001f309": "bridge",
    "\U0001f32b": "fog",
    "\U0001f62d": "sob",
    "\U0001f622": "cry",
    "\U0001f494": "broken_heart",
    "\U0001f614": "sad",
    "\U0001f61e": "sad",
    "\u2639": "sad",
    "\U0001f641": "sad",
    "\U0001f97a": "sad",
    "\U0001f940": "wilted",
    "\U0001f643": "upside_down",
    "\U0001fae0": "melting",
    "\U0001f629": "weary",
    "\U0001f62b": "weary",
    "\U0001f62e\u200d\U0001f4a8": "exhale",
    "\U0001f630": "afraid",
    "\U0001f628": "afraid",
    "\U0001f631": "afraid",
    "\U0001f621": "angry",
    "\U0001f92c": "angry",
    "\U0001f44a": "punch",
    "\U0001f915": "hurt",
    "\U0001f602": "laugh",
    "\U0001f923": "laugh",
    "\U0001f605": "laugh",
    "\U0001f60a": "smile",
    "\U0001f642": "smile",
    "\u2764": "heart",
    "\U0001f64f": "thanks",
    "\U0001f44d": "ok",
    "\U0001f5a4": "black_heart",
    "\U0001f573": "hole",
    "\U0001f6d1": "stop",
    "\U0001f198": "sos",
}
_EMOJI_RE = re.compile("|".join(sorted(map(re.escape, EMOJI_WORDS), key=len, reverse=True)))
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc\u00b4`")
_LEET = str.maketrans("013457@$", "oieastas")
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
_NUMBER_THEN_UNIT = re.compile(r"[0-9]+[a-z]+")  # 24h, 2nd, 10mg, 3am stay as written
_STRETCHED = re.compile(r"([a-z])\1\1+")
_HAS_LEET = re.compile(r"[0-9@$]")
_NOT_KEPT = re.compile(r"[^a-z0-9_.!?;\n ]+")
_SENTENCE = re.compile(r"[.!?;\n]+")


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isalpha() or _NUMBER_THEN_UNIT.fullmatch(word):
        return word
    return word.translate(_LEET)


def normalize(text: str) -> str:
    """Casefolded ASCII text: accents, apostrophes, leetspeak and stretched letters undone."""
    text = text.casefold()
    if not text.isascii():  # emoji and accents are never ASCII: most texts skip this
        text = _EMOJI_RE.sub(lambda m: f" emoji_{EMOJI_WORDS[m.group(0)]} ", text)
        text = text.translate(_APOSTROPHES)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    else:
        text = text.translate(_APOSTROPHES)
    if _HAS_LEET.search(text):
        text = _LEET_WORD.sub(_unleet, text)
    text = _STRETCHED.sub(r"\1\1", text)
    return _NOT_KEPT.sub(" ", text)


def sentences(text: str) -> list[list[str]]:
    """The normalized text as sentences of words (empty sentences dropped)."""
    split = (part.split() for part in _SENTENCE.split(normalize(text)))
    return [words for words in split if words]


def word_grams(word: str) -> list[str]:
    """The features one word gives on its own: the word, and its 3-5 letter runs (padded)."""
    if word.startswith("emoji_"):
        return ["w " + word]
    padded = f" {word} "
    size = len(padded)
    return ["w " + word] + [padded[i : i + n] for n in (3, 4, 5) for i in range(size - n + 1)]


def concepts(words: list[str]) -> list[str]:
    """The meaning the rules' concept tables see in one sentence: each concept, and each pair of
    concepts ("c means_drug+quantity"), so wording the n-grams never saw still counts."""
    tags = sorted(frames.tag(" ".join(words)).tags)
    return ["c " + t for t in tags] + [
        f"c {a}+{b}" for i, a in enumerate(tags) for b in tags[i + 1 :]
    ]


def pairs(words: list[str]) -> list[str]:
    """Word-pair features of one sentence (pairs never cross a sentence break)."""
    return ["b " + a + " " + b for a, b in zip(words, words[1:], strict=False)]


def features(text: str) -> dict[str, float]:
    """The model's view of a text: n-gram counts divided by the square root of their total.

    That is unit length whenever no n-gram repeats (the usual case) and close to it otherwise;
    unlike exact unit length it is additive, so the screen scores every window of one or two
    sentences from per-sentence sums at almost no cost (see Model.scores).
    """
    return sentence_features(sentences(text))


def sentence_features(parts: list[list[str]]) -> dict[str, float]:
    """features() of text already split into sentences of words."""
    total: Counter[str] = Counter()
    for words in parts:
        for word in words:
            total.update(word_grams(word))
        total.update(pairs(words))
        total.update(concepts(words))
    size = math.sqrt(sum(total.values()))
    return {key: count / size for key, count in total.items()}


def windows(parts: list[list[str]]) -> list[list[list[str]]]:
    """The parts the screen scores besides the whole text: each sentence, each two neighbours."""
    if len(parts) < 2:
        return []
    pairs_of = [parts[i : i + 2] for i in range(len(parts) - 1)] if len(parts) > 2 else []
    return [[part] for part in parts] + pairs_of


# --- The model file ------------------------------------------------------------------------------


class ModelFileError(ValueError):
    """model.json is missing or not a model this code can use."""


@dataclass(frozen=True)
class Model:
    # feature -> (weight for P(high), weight for P(elevated or high))
    weights: dict[str, tuple[float, float]]
    bias: tuple[float, float]
    t_high: float
    t_unsure: float
    t_elevated: float
    # word -> its own features' sums for both heads and their count (filled as words are seen)
    _words: dict[str, tuple[float, float, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def scores(self, text: str) -> tuple[float, float]:
        """(P(high), P(elevated or high)): the highest over the whole text and its windows."""
        sums = [self._sentence_sums(words) for words in sentences(text)]
        if not sums:
            return _sigmoid(self.bias[0]), _sigmoid(self.bias[1])
        windows = list(sums)
        windows += [_add(a, b) for a, b in zip(sums, sums[1:], strict=False)]
        if len(sums) > 2:
            windows.append(
                (sum(s[0] for s in sums), sum(s[1] for s in sums), sum(s[2] for s in sums))
            )
        best_high = max(high / math.sqrt(size) for high, _, size in windows)
        best_any = max(any_ / math.sqrt(size) for _, any_, size in windows)
        return _sigmoid(self.bias[0] + best_high), _sigmoid(self.bias[1] + best_any)

    def _sentence_sums(self, words: list[str]) -> tuple[float, float, int]:
        """Both heads' weighted sums over a sentence's n-grams, and how many n-grams it has."""
        weights, cache = self.weights, self._words
        high = any_ = 0.0
        size = len(words) - 1
        for word in words:
            known = cache.get(word)
            if known is None:
                known = _sums(weights, word_grams(word))
                if len(cache) > 100_000:  # bounded: long-running processes see endless typos
                    cache.clear()
                cache[word] = known
            high, any_, size = high + known[0], any_ + known[1], size + known[2]
        for pair in pairs(words):
            weight = weights.get(pair)
            if weight is not None:
                high, any_ = high + weight[0], any_ + weight[1]
        meaning = _sums(weights, concepts(words))
        return high + meaning[0], any_ + meaning[1], size + meaning[2]

    def rate(self, p_high: float, p_any: float) -> Risk:
        if p_high >= self.t_high:
            return "high"
        if p_high >= self.t_unsure or p_any >= self.t_elevated:
            return "elevated"
        return "low"


def _add(a: tuple[float, float, int], b: tuple[float, float, int]) -> tuple[float, float, int]:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def _sums(weights: dict[str, tuple[float, float]], grams: list[str]) -> tuple[float, float, int]:
    high = any_ = 0.0
    for gram in grams:
        weight = weights.get(gram)
        if weight is not None:
            high, any_ = high + weight[0], any_ + weight[1]
    return high, any_, len(grams)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _finite(value: object, what: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelFileError(f"{path}: {what} must be a finite number, got {value!r}")
    return float(value)


def model_from_dict(data: object, path: Path = MODEL_PATH) -> Model:
    """Check a parsed model file and build the Model; any problem names the file and the field."""
    if not isinstance(data, dict):
        raise ModelFileError(f"{path}: expected a JSON object at the top level")
    if data.get("format") != FORMAT_VERSION:
        raise ModelFileError(
            f"{path}: format {data.get('format')!r} is not {FORMAT_VERSION}: retrain with "
            "`nearpeer triage_train`"
        )
    if data.get("features") != FEATURE_SETTINGS:
        raise ModelFileError(
            f"{path}: trained with feature settings {data.get('features')!r}, but this code uses "
            f"{FEATURE_SETTINGS!r}: retrain with `nearpeer triage_train`"
        )
    weights = data.get("weights")
    bias = data.get("bias")
    thresholds = data.get("thresholds")
    if not isinstance(weights, dict) or not weights:
        raise ModelFileError(f"{path}: 'weights' must be a non-empty object of feature: [w, w]")
    if not isinstance(bias, list) or len(bias) != 2:
        raise ModelFileError(f"{path}: 'bias' must be a list of two numbers")
    if not isinstance(thresholds, dict):
        raise ModelFileError(f"{path}: 'thresholds' must be an object")
    checked: dict[str, tuple[float, float]] = {}
    for key, pair in weights.items():
        if not isinstance(pair, list) or len(pair) != 2:
            raise ModelFileError(f"{path}: weight of {key!r} must be a list of two numbers")
        checked[key] = (_finite(pair[0], f"weight of {key!r}", path), _finite(pair[1], key, path))
    levels = {}
    for name in ("high", "unsure", "elevated"):
        value = _finite(thresholds.get(name), f"threshold {name!r}", path)
        if not 0.0 < value < 1.0:
            raise ModelFileError(f"{path}: threshold {name!r} must be between 0 and 1, got {value}")
        levels[name] = value
    if levels["unsure"] > levels["high"]:
        raise ModelFileError(f"{path}: threshold 'unsure' must not be above threshold 'high'")
    return Model(
        weights=checked,
        bias=(_finite(bias[0], "bias", path), _finite(bias[1], "bias", path)),
        t_high=levels["high"],
        t_unsure=levels["unsure"],
        t_elevated=levels["elevated"],
    )


def load_model(path: Path = MODEL_PATH) -> Model:
    """Read and check a model file; a missing or malformed file raises ModelFileError."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(
            f"{path}: the learned screen's model file is missing: train one with "
            "`nearpeer triage_train`"
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{path}: not valid JSON ({error})") from None
    return model_from_dict(data, path)


@cache
def model() -> Model:
    """The packaged model, loaded once per process."""
    return load_model(MODEL_PATH)


# --- Screening -----------------------------------------------------------------------------------


def screen_with(current: Model, text: str) -> Screening:
    """Rate a text with a given model (the packaged one is used by screen())."""
    p_high, p_any = current.scores(text)
    risk = current.rate(p_high, p_any)
    if risk == "low":
        return Screening(risk="low", reasons=(), needs_human_review=False)
    if risk == "high":
        reason = f"worded like messages from people at risk (learned screen, {p_high:.2f})"
    elif p_high >= current.t_unsure:
        reason = f"worded a little like messages from people at risk (learned screen, {p_high:.2f})"
    else:
        reason = f"worded like messages from people having a very hard time (learned screen, {p_any:.2f})"
    return Screening(risk=risk, reasons=(reason,), needs_human_review=True)


def screen(text: str) -> Screening:
    """Screen free text with the learned model: low, or elevated/high with a plain reason."""
    return screen_with(model(), text)
